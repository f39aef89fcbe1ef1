import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// Confined mode (`--root`): no path outside the roots is opened, and nothing of such a file
/// reaches any output. A file outside the root holds a marker in its header, its values and
/// its spec text; every command in every format must keep it out of stdout and stderr.
@Suite("Confined mode", .serialized)
struct ConfinedModeTests {
    static let marker = "MARKER7f3a"

    /// `root/` with specs reaching out in every way, and `outside/` with the marked files.
    final class Layout {
        let dir: TempDir
        var root: String { dir.path("root") }

        init() throws {
            let m = ConfinedModeTests.marker
            dir = try TempDir([
                "outside/secret.csv": "city,quarter,job\n\(m)city,2024K3,1\nAarhus,2024K3,0\n",
                "outside/secret.goal": "spec \"\(m) spec\"\n\ndata \(m)data from \"secret.csv\"\n  entity city\n  time quarter\n\ndefine \(m)d = job == 1\n  bad \(m) line\n",
                "root/inside.csv": "city,quarter,job\nAarhus,2024K3,1\nOdense,2024K3,0\n",
            ])
            let secret = dir.path("outside/secret.csv")
            let target = "target t \"t\"\n  data t\n  by city\n  share(job) >= 50%\n"
            let specs = [
                "dotdot": "data t from \"../outside/secret.csv\"\n  entity city\n  time quarter\n\n" + target,
                "absolute": "data t from \"\(secret)\"\n  entity city\n  time quarter\n\n" + target,
                "symlink": "data t from \"link.csv\"\n  entity city\n  time quarter\n\n" + target,
                "linkdir": "data t from \"linkdir/secret.csv\"\n  entity city\n  time quarter\n\n" + target,
                "dotdot_missing": "data t from \"../outside/absent.csv\"\n  entity city\n  time quarter\n\n" + target,
                "dangling": "data t from \"dangling.csv\"\n  entity city\n  time quarter\n\n" + target,
                "import": "import \"../outside/secret.goal\"\n\ntarget t \"t\"\n  data secretdata\n  share(d) >= 50%\n",
                "import_symlink": "import \"linked.goal\"\n\ntarget t \"t\"\n  data secretdata\n  share(job) >= 50%\n",
            ]
            for (name, text) in specs { try dir.write("root/\(name).goal", text) }
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: dir.path("root/link.csv"), withDestinationPath: secret)
            try fm.createSymbolicLink(atPath: dir.path("root/linkdir"), withDestinationPath: dir.path("outside"))
            try fm.createSymbolicLink(atPath: dir.path("root/linked.goal"), withDestinationPath: dir.path("outside/secret.goal"))
            try fm.createSymbolicLink(atPath: dir.path("root/dangling.csv"), withDestinationPath: dir.path("outside/absent.csv"))
        }

        func spec(_ name: String) -> String { dir.path("root/\(name).goal") }
    }

    static let specNames = ["dotdot", "absolute", "symlink", "linkdir", "dotdot_missing", "dangling", "import", "import_symlink"]

    /// Every command and format a spec can reach, each with `--root`.
    static func commands(_ spec: String, root: String) -> [[String]] {
        var out: [[String]] = []
        for format in ["text", "json", "junit", "markdown", "html"] {
            out.append(["check", spec, "--root", root, "--format", format])
        }
        out.append(["lint", spec, "--root", root])
        out.append(["lint", spec, "--root", root, "--format", "json", "--explain-data"])
        out.append(["fmt", spec, "--root", root])
        out.append(["sql", spec, "--root", root, "--dialect", "duckdb"])
        return out
    }

    @Test("no output of any command or format holds the marker of a file outside the root", arguments: specNames)
    func markerNeverShown(_ name: String) throws {
        let layout = try Layout()
        for args in Self.commands(layout.spec(name), root: layout.root) {
            let (status, out) = CommandLineTool.run(args)
            let all = out.stdout + out.stderr
            #expect(!all.contains(Self.marker), "\(args.joined(separator: " ")) shows the marker:\n\(all)")
            if args[0] != "fmt" {
                #expect(status == 2, "\(args.joined(separator: " ")) exits \(status)")
                #expect(all.contains("GS0601"), "\(args.joined(separator: " ")) does not report GS0601:\n\(all)")
            }
        }
    }

    @Test("without --root the same specs do read the outside file (the marker test can fail)")
    func unconfinedReadsOutside() throws {
        let layout = try Layout()
        let (_, out) = CommandLineTool.run(["check", layout.spec("dotdot")])
        #expect((out.stdout + out.stderr).contains(Self.marker))
    }

    @Test("the refusal reads the same whether or not the outside file exists")
    func refusalRevealsNothing() throws {
        let layout = try Layout()
        func message(_ name: String) -> String {
            let (_, out) = CommandLineTool.run(["check", layout.spec(name), "--root", layout.root])
            return out.stderr.replacingOccurrences(of: "absent.csv", with: "secret.csv")
                .replacingOccurrences(of: "dotdot_missing", with: "dotdot")
        }
        let existing = message("dotdot")
        #expect(existing.contains("error[GS0601]: data file '") && existing.contains("' is outside the allowed roots"))
        #expect(message("dotdot_missing") == existing)
        #expect(!existing.contains("not found") && !existing.contains("no such file"))
    }

    @Test("spec paths outside the root are refused before they are looked up")
    func specPathsOutside() throws {
        let layout = try Layout()
        for path in [layout.dir.path("outside/secret.goal"), layout.dir.path("outside/absent.goal"),
                     layout.root + "/../outside/secret.goal", layout.dir.path("root/linked.goal")] {
            for command in ["check", "lint", "fmt"] {
                let (status, out) = CommandLineTool.run([command, path, "--root", layout.root])
                let all = out.stdout + out.stderr
                #expect(status == 2)
                #expect(all.contains("error[GS0601]") && all.contains("is outside the allowed roots"), "\(command) \(path): \(all)")
                #expect(!all.contains(Self.marker) && !all.contains("no such file"))
            }
        }
    }

    @Test("inside the root a spec evaluates; values are not suggested and data values not quoted")
    func insideTheRoot() throws {
        let layout = try Layout()
        try layout.dir.write("root/ok.goal", "data t from \"inside.csv\"\n  entity city\n  time quarter\n\ntarget t \"t\"\n  data t\n  for city = \"Aarhus\"\n  share(job) >= 50%\n")
        let (status, out) = CommandLineTool.run(["check", layout.spec("ok"), "--root", layout.root])
        #expect(status == 0, "\(out.stderr)")

        try layout.dir.write("root/typo.goal", "data t from \"inside.csv\"\n  entity city\n  time quarter\n\ntarget t \"t\"\n  data t\n  for city = \"Arhus\"\n  share(job) >= 50%\n")
        let free = CommandLineTool.run(["check", layout.spec("typo")]).output.stderr
        #expect(free.contains("did you mean 'Aarhus'?"))
        let confined = CommandLineTool.run(["check", layout.spec("typo"), "--root", layout.root]).output.stderr
        #expect(confined.contains("GS0307") && !confined.contains("did you mean"), "\(confined)")

        // The bad value lies past the sample the column's type is read from.
        let rows = String(repeating: "Aarhus,2024K3,12\n", count: 5_000)
        try layout.dir.write("root/bad.csv", "city,quarter,n\n" + rows + "Odense,2024K3,SECRETVALUE\n")
        try layout.dir.write("root/bad.goal", "data t from \"bad.csv\"\n  entity city\n  time quarter\n\ntarget t \"t\"\n  data t\n  sum(n) >= 1\n")
        let quoted = CommandLineTool.run(["check", layout.spec("bad")]).output.stderr
        #expect(quoted.contains("SECRETVALUE"))
        let redacted = CommandLineTool.run(["check", layout.spec("bad"), "--root", layout.root]).output.stderr
        #expect(redacted.contains("bad.csv:5002:") && !redacted.contains("SECRETVALUE"), "\(redacted)")
    }

    @Test("the example number of a column that reads two ways is not quoted in confined mode")
    func ambiguousNumbers() throws {
        let layout = try Layout()
        try layout.dir.write("root/amb.csv", "city,quarter,n\nAarhus,2024K3,7.341\nOdense,2024K3,2.500\n")
        try layout.dir.write("root/amb.goal", "data t from \"amb.csv\"\n  entity city\n  time quarter\n\ntarget t \"t\"\n  data t\n  sum(n) >= 1\n")
        let free = CommandLineTool.run(["check", layout.spec("amb")]).output.stderr
        #expect(free.contains("error[GS0508]") && free.contains("7.341"))
        let confined = CommandLineTool.run(["check", layout.spec("amb"), "--root", layout.root]).output.stderr
        #expect(confined.contains("error[GS0508]") && !confined.contains("7.341") && !confined.contains("7341"), "\(confined)")
    }

    @Test("a root that is not a folder is a usage error")
    func badRoot() throws {
        let layout = try Layout()
        let (status, out) = CommandLineTool.run(["check", layout.spec("dotdot"), "--root", layout.dir.path("nowhere")])
        #expect(status == 64)
        #expect(out.stderr.contains("--root"))
    }

    @Test("the library option confines imports and data as the flag does")
    func libraryOption() throws {
        let layout = try Layout()
        var options = Runner.Options()
        options.confinement = PathConfinement(roots: [layout.root])
        for name in Self.specNames {
            let run = Runner.run(files: [layout.spec(name)], options: options)
            #expect(run.diagnostics.contains { $0.code == .pathOutsideRoots }, "\(name)")
            #expect(!run.sources.files.contains { $0.text.contains(Self.marker) }, "\(name) read the outside spec")
        }
    }
}
