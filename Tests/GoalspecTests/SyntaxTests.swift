import Testing
@testable import Goalspec

func parse(_ text: String) -> (tree: SyntaxTree, diagnostics: [Diagnostic]) {
    SpecParser.parse(SourceFile(path: "t.goal", text: text), file: 0)
}

func tokenKinds(_ text: String) -> [TokenKind] {
    Lexer.tokenize(SourceFile(path: "t.goal", text: text), file: 0).tokens.map(\.kind)
}

/// The single target's condition of a one-target spec.
func condition(_ text: String) throws -> Expr {
    let (tree, diagnostics) = parse("target t\n  \(text)\n")
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    guard case .target(let t) = try #require(tree.declarations.first) else {
        Issue.record("not a target")
        throw CancellationError()
    }
    return try #require(t.condition)
}

@Suite("Lexer and parser")
struct SyntaxTests {
    @Test("words starting with digits are names; numbers with units are literals", arguments: [
        ("6byer", TokenKind.word("6byer")),
        ("1.0pp", .points("1.0")),
        ("70%", .percent("70")),
        ("7/10", .ratio("7", "10")),
        ("2024K3", .period("2024K3")),
        ("2024Q3", .period("2024Q3")),
        ("2024M07", .period("2024M07")),
        ("2024-07-01", .period("2024-07-01")),
        ("2024", .number("2024")),
        ("0.7", .number("0.7")),
        ("målgruppe", .word("målgruppe")),
        ("`by`", .quotedName("by")),
        ("atLeast", .keyword(.atLeast)),
    ])
    func lexesOneToken(text: String, expected: TokenKind) {
        let kinds = tokenKinds(text)
        #expect(kinds.first == expected)
    }

    @Test("the design card's first form parses verbatim")
    func cardFormPeer() throws {
        let e = try condition("share(job) >= avg(6byer) + 1.0pp")
        guard case .binary(.greaterEqual, let l, let r) = e.kind else { Issue.record("not >="); return }
        guard case .call(let f, let args) = l.kind else { Issue.record("left is not a call"); return }
        #expect(f.text == "share")
        #expect(args.count == 1)
        guard case .binary(.add, let avg, let pp) = r.kind else { Issue.record("right is not +"); return }
        guard case .call(let g, _) = avg.kind else { Issue.record("not avg(...)"); return }
        #expect(g.text == "avg")
        #expect(pp.kind == .points("1.0"))
    }

    @Test("the design card's second form parses verbatim, with a multi-word name")
    func cardFormQuantifier() throws {
        let e = try condition("atLeast 7/10 reach goal")
        guard case .quantifier(.atLeast, let ratio, let body) = e.kind else { Issue.record("not atLeast"); return }
        #expect(ratio?.kind == .ratio("7", "10"))
        guard case .name(let n) = body.kind else { Issue.record("body is not a name"); return }
        #expect(n.words == ["reach", "goal"])
        #expect(n.matchKey == "reach_goal")
    }

    @Test("names match ignoring case, treating spaces and underscores alike", arguments: [
        ("reach goal", "Reach_Goal"), ("public transport", "public__transport"), ("målgruppe", "MÅLGRUPPE"),
    ])
    func nameMatching(a: String, b: String) {
        #expect(Name.matchKey(a) == Name.matchKey(b))
    }

    @Test("operator precedence: and binds tighter than or, arithmetic tighter than comparison")
    func precedence() throws {
        let e = try condition("count() > 1 or share(a) >= 50% and share(b) < 10% + 1pp")
        guard case .binary(.or, _, let right) = e.kind else { Issue.record("top is not or"); return }
        guard case .binary(.and, _, let cmp) = right.kind else { Issue.record("not and"); return }
        guard case .binary(.less, _, let sum) = cmp.kind else { Issue.record("not <"); return }
        guard case .binary(.add, let share, let points) = sum.kind else { Issue.record("not +"); return }
        #expect(share.kind == .percent("10"))
        #expect(points.kind == .points("1"))
    }

    @Test("a full declaration set parses with every clause")
    func declarations() throws {
        let (tree, diagnostics) = parse("""
        spec "S"
          source "memo"
        data employment from "data/e.csv"
          entity city
          time quarter
          weight persons
        group 6byer = city in ["København", "Odense"]
        define reach goal = reached == 1
        target job "title"
          data employment
          for city = "Aarhus"
          where age >= 18
          at 2024K3
          by dimension, age_group
          share(job) >= avg(6byer) + 1.0pp
        goal "G"
          met when atLeast 1
          target inner
            count() > 0
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(tree.declarations.count == 6)
        guard case .target(let t) = tree.declarations[4] else { Issue.record("not a target"); return }
        #expect(t.data?.text == "employment")
        #expect(t.focus?.values.map(\.value) == ["Aarhus"])
        #expect(t.period?.value == "2024K3")
        #expect(t.breakdown.map(\.text) == ["dimension", "age_group"])
        guard case .goal(let g) = tree.declarations[5] else { Issue.record("not a goal"); return }
        #expect(g.rule == .atLeast(1))
        #expect(g.children.count == 1)
    }

    @Test("recovery: each broken target reports its own error, and the rest still parses")
    func recovery() {
        let (tree, diagnostics) = parse("""
        target a
          share(x >= 70%
        target b
          share(y) >= 70%
        target c
          share(z) >= >= 1
        """)
        #expect(diagnostics.count == 2)
        #expect(tree.declarations.count == 3)
    }

    @Test("node ids are unique")
    func uniqueIDs() throws {
        let (tree, _) = parse("target t\n  share(a) >= avg(b) + 1pp and not all c\n")
        var ids: [NodeID] = []
        func walk(_ e: Expr) {
            ids.append(e.id)
            switch e.kind {
            case .binary(_, let a, let b): walk(a); walk(b)
            case .call(_, let args): args.forEach(walk)
            case .not(let a), .negate(let a): walk(a)
            case .quantifier(_, let r, let b): r.map(walk); walk(b)
            default: break
            }
        }
        guard case .target(let t) = try #require(tree.declarations.first), let c = t.condition else { return }
        walk(c)
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 11)
    }

    @Test("no crash on hostile input", arguments: [
        String(repeating: "(", count: 20_000),
        String(repeating: "+-*/<>=!", count: 25_000),
        "target t\n  " + String(repeating: "not ", count: 10_000) + "x",
        "\u{0}\u{1}\u{2}target\u{FFFF}",
        "target t\n  share(\"unterminated",
        String(repeating: "  ", count: 1000) + "x",
    ])
    func hostileInput(text: String) {
        let (_, diagnostics) = parse(text)
        #expect(!diagnostics.isEmpty)
    }

    @Test("invalid UTF-8 is reported, not trapped")
    func invalidUTF8() {
        let file = SourceFile(path: "t.goal", bytes: Array("target t\n  share(".utf8) + [0xFF, 0xFE] + Array(") > 1%\n".utf8))
        let (_, diagnostics) = SpecParser.parse(file, file: 0)
        #expect(diagnostics.contains { $0.code == .invalidEncoding })
    }
}
