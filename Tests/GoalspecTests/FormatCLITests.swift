import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// `goalspec fmt` through `CommandLineTool.run`, on files in temporary folders given by absolute
/// path (the working directory is shared by tests running in parallel).
@Suite("goalspec fmt")
struct FormatCLITests {
    static let messy = "data d from \"d.csv\"\n  entity city      # the cities\n  time quarter\ntarget t\n  share( job )>=(70%)\n"
    static let tidy = "data d from \"d.csv\"\n  entity city  # the cities\n  time quarter\n\ntarget t\n  share(job) >= 70%\n"

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("one file: the formatted text on stdout, no header, the file unchanged")
    func printOne() throws {
        let dir = try TempDir(["a.goal": Self.messy])
        let (status, out) = CommandLineTool.run(["fmt", dir.path("a.goal")])
        #expect(status == 0)
        #expect(out.stdout == Self.tidy)
        #expect(out.stderr.isEmpty)
        #expect(read(dir.path("a.goal")) == Self.messy)
    }

    @Test("a folder: every .goal below it, each with a ==> FILE <== header")
    func printFolder() throws {
        let dir = try TempDir(["a.goal": Self.messy, "sub/b.goal": "define x=1\n", "notes.txt": "not a spec"])
        let (status, out) = CommandLineTool.run(["fmt", dir.url.path])
        #expect(status == 0)
        #expect(out.stdout == "==> \(dir.path("a.goal")) <==\n\(Self.tidy)\n==> \(dir.path("sub/b.goal")) <==\ndefine x = 1\n")
    }

    @Test("--check: a diff and exit 1 for an unformatted file; nothing and exit 0 once formatted")
    func check() throws {
        let dir = try TempDir(["a.goal": Self.messy, "b.goal": Self.tidy])
        let (status, out) = CommandLineTool.run(["fmt", "--check", dir.path("a.goal"), dir.path("b.goal")])
        #expect(status == 1)
        #expect(out.stdout.hasPrefix("--- \(dir.path("a.goal"))\n+++ \(dir.path("a.goal")) (formatted)\n@@ "))
        #expect(out.stdout.contains("\n-  entity city      # the cities\n+  entity city  # the cities\n"))
        #expect(out.stdout.contains("\n-  share( job )>=(70%)\n"))
        #expect(out.stdout.contains("\n   time quarter\n+\n target t\n"))  // an added blank line between context lines
        #expect(!out.stdout.contains(dir.path("b.goal")))
        #expect(read(dir.path("a.goal")) == Self.messy)

        let formatted = CommandLineTool.run(["fmt", "--check", dir.path("b.goal")])
        #expect(formatted.status == 0)
        #expect(formatted.output.stdout.isEmpty)
        #expect(formatted.output.stderr.isEmpty)
    }

    @Test("--write: rewrites changed files in place, keeping permissions, and prints their paths; a second run changes nothing")
    func write() throws {
        let dir = try TempDir(["a.goal": Self.messy, "b.goal": Self.tidy])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir.path("a.goal"))
        let before = try FileManager.default.attributesOfItem(atPath: dir.path("b.goal"))[.modificationDate] as? Date

        let (status, out) = CommandLineTool.run(["fmt", "--write", dir.url.path])
        #expect(status == 0)
        #expect(out.stdout == dir.path("a.goal") + "\n")
        #expect(read(dir.path("a.goal")) == Self.tidy)
        #expect(read(dir.path("b.goal")) == Self.tidy)
        let permissions = try FileManager.default.attributesOfItem(atPath: dir.path("a.goal"))[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o640)
        let after = try FileManager.default.attributesOfItem(atPath: dir.path("b.goal"))[.modificationDate] as? Date
        #expect(before == after)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["a.goal", "b.goal"])

        let second = CommandLineTool.run(["fmt", "--write", dir.url.path])
        #expect(second.status == 0)
        #expect(second.output.stdout.isEmpty)
        #expect(CommandLineTool.run(["fmt", "--check", dir.url.path]).status == 0)
    }

    @Test("--write through a symbolic link rewrites the linked file and keeps the link")
    func writeThroughLink() throws {
        let dir = try TempDir(["real.goal": Self.messy])
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.goal"), withDestinationPath: dir.path("real.goal"))
        let (status, _) = CommandLineTool.run(["fmt", "--write", dir.path("link.goal")])
        #expect(status == 0)
        #expect(read(dir.path("real.goal")) == Self.tidy)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir.path("link.goal"))) == dir.path("real.goal"))
    }

    @Test("a syntax error: diagnostics on stderr, exit 2, the file untouched, other files still formatted")
    func syntaxError() throws {
        let broken = "target t\n  share(job) >= (70%\n"
        let dir = try TempDir(["a.goal": Self.messy, "bad.goal": broken])
        let (status, out) = CommandLineTool.run(["fmt", "--write", dir.url.path])
        #expect(status == 2)
        #expect(out.stderr.contains("bad.goal:2:"))
        #expect(out.stderr.contains("error[GS0201]"))
        #expect(out.stdout == dir.path("a.goal") + "\n")
        #expect(read(dir.path("bad.goal")) == broken)
        #expect(read(dir.path("a.goal")) == Self.tidy)

        let printed = CommandLineTool.run(["fmt", dir.path("bad.goal")])
        #expect(printed.status == 2)
        #expect(printed.output.stdout.isEmpty)
        #expect(CommandLineTool.run(["fmt", "--check", dir.path("bad.goal")]).status == 2)
    }

    @Test("a missing file is exit 2 with the path")
    func missingFile() throws {
        let dir = try TempDir()
        let (status, out) = CommandLineTool.run(["fmt", dir.path("nope.goal")])
        #expect(status == 2)
        #expect(out.stderr.contains("nope.goal"))
        #expect(out.stderr.contains("no such file or folder"))
    }

    @Test("bad command lines are usage errors, exit 64", arguments: [
        ["fmt", "--wrte", "a.goal"], ["fmt", "--write", "--check", "a.goal"], ["fmt"], ["fmt", "--color", "sometimes", "a.goal"],
    ])
    func usageErrors(args: [String]) {
        let (status, out) = CommandLineTool.run(args)
        #expect(status == 64)
        #expect(out.stderr.hasPrefix("goalspec: "))
        #expect(out.stdout.isEmpty)
    }

    @Test("fmt --help, and fmt in the main usage")
    func help() {
        let (status, out) = CommandLineTool.run(["fmt", "--help"])
        #expect(status == 0)
        #expect(out.stdout.contains("goalspec fmt FILE|DIR... [--write | --check]"))
        #expect(CommandLineTool.run(["--help"]).output.stdout.contains("goalspec fmt"))
        #expect(CommandLineTool.run(["fmtt"]).output.stderr.contains("did you mean 'fmt'?"))
    }
}
