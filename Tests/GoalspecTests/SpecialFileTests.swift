import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// FIFOs, devices and folders are refused before a byte is read, as spec, import or data
/// paths, in every mode; opening a FIFO never blocks.
@Suite("Special files", .serialized)
struct SpecialFileTests {
    static let target = "\n  entity city\n  time quarter\n\ntarget t \"t\"\n  data t\n  share(job) >= 50%\n"

    /// A folder with a FIFO, a link to /dev/zero and a folder, each named like a data file and a spec.
    static func layout() throws -> TempDir {
        let dir = try TempDir(["ok.csv": "city,quarter,job\nAarhus,2024K3,1\n"])
        for name in ["fifo.csv", "fifo.goal"] { #expect(mkfifo(dir.path(name), 0o644) == 0) }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.path("zero.csv"), withDestinationPath: "/dev/zero")
        try fm.createSymbolicLink(atPath: dir.path("random.goal"), withDestinationPath: "/dev/urandom")
        try fm.createDirectory(atPath: dir.path("folder.csv"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir.path("folder.goal.d/x.goal"), withIntermediateDirectories: true)
        return dir
    }

    @Test("a special data file is a located GS0501 that says what it is", arguments: [
        ("fifo.csv", "a named pipe (FIFO)"), ("zero.csv", "a character device"), ("folder.csv", "a directory"),
    ])
    func dataPaths(_ name: String, _ what: String) throws {
        let dir = try Self.layout()
        try dir.write("spec.goal", "data t from \"\(name)\"" + Self.target)
        for command in ["check", "lint"] {
            let (status, out) = CommandLineTool.run([command, dir.path("spec.goal")])
            #expect(status == 2)
            #expect(out.stderr.contains("spec.goal:1:13: error[GS0501]: cannot read file: it is \(what), not a regular file"), "\(out.stderr)")
        }
    }

    /// (A folder named on the command line is searched for specs instead.)
    @Test("a special spec file is GS0110 in check, lint and fmt", arguments: [
        ("fifo.goal", "a named pipe (FIFO)"), ("random.goal", "a character device"),
    ])
    func specPaths(_ name: String, _ what: String) throws {
        let dir = try Self.layout()
        for command in ["check", "lint", "fmt"] {
            let (status, out) = CommandLineTool.run([command, dir.path(name)])
            #expect(status == 2)
            #expect(out.stderr.contains("error[GS0110]: cannot read spec file: it is \(what), not a regular file"), "\(command): \(out.stderr)")
        }
    }

    @Test("a special import is GS0312 at the import", arguments: ["fifo.goal", "random.goal", "folder.goal.d/x.goal"])
    func importPaths(_ name: String) throws {
        let dir = try Self.layout()
        try dir.write("spec.goal", "import \"\(name)\"\n\ndata t from \"ok.csv\"" + Self.target)
        let (status, out) = CommandLineTool.run(["check", dir.path("spec.goal")])
        #expect(status == 2)
        #expect(out.stderr.contains("spec.goal:1:8: error[GS0312]: cannot read imported file '"), "\(out.stderr)")
        #expect(out.stderr.contains("not a regular file"))
    }

    @Test("a 1 GB spec file is refused by its size, without being read")
    func hugeSpec() throws {
        let dir = try TempDir()
        let path = dir.path("huge.goal")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 1 << 30) == 0)  // sparse: no gigabyte is written
        close(fd)
        let start = ContinuousClock.now
        for command in ["check", "fmt"] {
            let (status, out) = CommandLineTool.run([command, path])
            #expect(status == 2)
            #expect(out.stderr.contains("error[GS0109]: spec file is 1073741824 bytes; the limit is 8388608"), "\(out.stderr)")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
