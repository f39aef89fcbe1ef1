import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// `fmt --write` replaces a file whole or not at all: no temporary file is left behind, the
/// owner is kept, and a read-only file or folder, or a file with hard links, is an error that
/// leaves everything as it was.
@Suite("fmt --write is atomic", .serialized)
struct AtomicWriteTests {
    static let messy = "target t\n  share( job )>=(70%)\n"
    static let tidy = "target t\n  share(job) >= 70%\n"

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func entries(_ dir: TempDir) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    }

    @Test("a read-only file is an error and stays as it was (also for the superuser)")
    func readOnlyFile() throws {
        let dir = try TempDir(["a.goal": Self.messy])
        #expect(chmod(dir.path("a.goal"), 0o444) == 0)
        let (status, out) = CommandLineTool.run(["fmt", "--write", dir.path("a.goal")])
        #expect(status == 2)
        #expect(out.stderr.contains("error[GS0110]: cannot write the formatted file: the file is read-only"), "\(out.stderr)")
        #expect(read(dir.path("a.goal")) == Self.messy)
        #expect(try entries(dir) == ["a.goal"])
    }

    @Test("a file in a read-only folder is an error and stays as it was")
    func readOnlyFolder() throws {
        let dir = try TempDir(["sub/a.goal": Self.messy])
        #expect(chmod(dir.path("sub"), 0o555) == 0)
        defer { chmod(dir.path("sub"), 0o755) }
        let (status, out) = CommandLineTool.run(["fmt", "--write", dir.path("sub/a.goal")])
        #expect(status == 2)
        #expect(out.stderr.contains("is read-only"), "\(out.stderr)")
        #expect(read(dir.path("sub/a.goal")) == Self.messy)
    }

    @Test("a file with two hard links is not split")
    func hardLinks() throws {
        let dir = try TempDir(["a.goal": Self.messy])
        #expect(link(dir.path("a.goal"), dir.path("b.goal")) == 0)
        let (status, out) = CommandLineTool.run(["fmt", "--write", dir.path("a.goal")])
        #expect(status == 2)
        #expect(out.stderr.contains("hard links"), "\(out.stderr)")
        #expect(read(dir.path("a.goal")) == Self.messy && read(dir.path("b.goal")) == Self.messy)
    }

    @Test("the written file keeps its mode and owner, and no temporary file is left")
    func keepsModeAndOwner() throws {
        let dir = try TempDir(["a.goal": Self.messy])
        let path = dir.path("a.goal")
        #expect(chmod(path, 0o604) == 0)
        let asRoot = geteuid() == 0
        if asRoot { #expect(chown(path, 65534, 65534) == 0) }
        var before = stat()
        #expect(stat(path, &before) == 0)
        let (status, out) = CommandLineTool.run(["fmt", "--write", path])
        #expect(status == 0, "\(out.stderr)")
        #expect(read(path) == Self.tidy)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_mode & 0o7777 == 0o604)
        #expect(after.st_uid == before.st_uid && after.st_gid == before.st_gid)
        #expect(after.st_ino != before.st_ino, "replaced by rename, not written in place")
        #expect(try entries(dir) == ["a.goal"])
    }
}
