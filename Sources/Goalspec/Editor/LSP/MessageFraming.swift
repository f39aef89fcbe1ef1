/// The base protocol of LSP: each message is `Content-Length: N\r\n\r\n` followed by N bytes of JSON.
public enum MessageFraming {
    /// The largest message body accepted (a spec buffer is at most 8 MiB; JSON escapes add some).
    public static let maxBodyBytes = 64 << 20

    /// A message with its header, ready to write.
    public static func frame(_ message: JSONValue) -> [UInt8] {
        let body = Array(message.serialized(pretty: false).utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

/// Collects bytes as they arrive and cuts them into message bodies.
public struct MessageReader: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0

    /// An empty reader.
    public init() {}

    /// What one step of reading gave.
    public enum Item: Sendable, Equatable {
        /// A complete message body.
        case message([UInt8])
        /// A header that cannot be read (no or a bad Content-Length, or too large a body): the
        /// stream cannot be resynchronised.
        case malformedHeader(String)
    }

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, if the bytes so far hold one.
    public mutating func next() -> Item? {
        guard let headerEnd = findHeaderEnd() else {
            if buffer.count - start > 8192 { return .malformedHeader("no end of header in 8192 bytes") }
            return nil
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingSpaces.lowercased() == "content-length" { length = Int(parts[1].trimmingSpaces) }
        }
        guard let length, length >= 0, length <= MessageFraming.maxBodyBytes else {
            return .malformedHeader("missing or invalid Content-Length in header '\(header)'")
        }
        let bodyStart = headerEnd + 4
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        if start > 1 << 20 {
            buffer.removeFirst(start)
            start = 0
        }
        return .message(body)
    }

    private func findHeaderEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
