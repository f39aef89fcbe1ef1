import Foundation
import Testing
@testable import Goalspec

/// Headless Chromium, when it is on PATH (`chromium` or `chromium-browser`).
enum Chromium {
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser"] {
            for folder in folders {
                let candidate = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static let missing = "chromium (or chromium-browser) is not on PATH, so the HTML report is not rendered in a browser; install it (apt-get install -y chromium) to run this test"

    /// Renders `html` in headless Chromium at `width`×`height` and returns the screenshot's PNG bytes.
    static func screenshot(of html: String, width: Int, height: Int, in dir: TempDir) throws -> Data {
        let page = dir.path("report.html")
        let png = dir.path("screenshot.png")
        try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--hide-scrollbars", "--user-data-dir=\(dir.path("profile"))",
                             "--screenshot=\(png)", "--window-size=\(width),\(height)", URL(fileURLWithPath: page).absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            Issue.record("chromium did not finish the screenshot within 120 s")
        }
        return try Data(contentsOf: URL(fileURLWithPath: png))
    }
}

/// The facts of a PNG file that tell a rendered page from a blank one.
struct PNGSummary {
    var width = 0, height = 0
    /// Bytes of compressed image data: a page of one colour compresses to almost nothing.
    var imageDataBytes = 0
    /// Distinct byte values in the compressed image data.
    var distinctBytes = 0

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        try #require(bytes.count > 33 && bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG file")
        func u32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        var seen = Set<UInt8>()
        var i = 8
        while i + 8 <= bytes.count {
            let length = u32(i)
            let type = String(decoding: bytes[i + 4..<i + 8], as: UTF8.self)
            let body = i + 8
            guard body + length <= bytes.count else { break }
            if type == "IHDR" { width = u32(body); height = u32(body + 4) }
            if type == "IDAT" {
                imageDataBytes += length
                seen.formUnion(bytes[body..<body + length])
            }
            i = body + length + 4
        }
        distinctBytes = seen.count
    }
}

@Suite("HTML report in a browser", .serialized)
struct HTMLBrowserTests {
    @Test("headless Chromium renders the bundled Specs' report to a PNG that is not blank",
          .enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
    func specsReport() throws {
        let (files, _) = Runner.specFiles(in: [repositoryRoot.appendingPathComponent("Specs").path])
        let html = HTMLReport.render(Runner.run(files: files))
        let dir = try TempDir()
        let png = try PNGSummary(try Chromium.screenshot(of: html, width: 1200, height: 2000, in: dir))
        #expect(png.width == 1200 && png.height == 2000)
        // A blank white page of this size is about 8 KB; the report's text, badges and tree are far more.
        #expect(png.imageDataBytes > 60_000, "the screenshot looks blank (\(png.imageDataBytes) bytes of image data)")
        #expect(png.distinctBytes > 200)
    }

    @Test("on a phone-sized window the MSB report with its charts renders, not blank",
          .enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
    func phone() throws {
        let dir = try TempDir()
        let png = try PNGSummary(try Chromium.screenshot(of: msb2026Report, width: 390, height: 2400, in: dir))
        #expect(png.width == 390 && png.height == 2400)
        #expect(png.imageDataBytes > 40_000, "the screenshot looks blank (\(png.imageDataBytes) bytes of image data)")
    }

    @Test("a blank page is told apart from a rendered one", .enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
    func blankPage() throws {
        let dir = try TempDir()
        let png = try PNGSummary(try Chromium.screenshot(of: "<!DOCTYPE html><html><body></body></html>", width: 1200, height: 2000, in: dir))
        #expect(png.width == 1200)
        #expect(png.imageDataBytes < 60_000)
    }
}
