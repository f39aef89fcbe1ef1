// A DEFLATE decoder (RFC 1951) for the entries of ZIP archives, written for xlsx workbooks.
//
// The decoder pulls compressed bytes from a source in chunks and pushes decompressed bytes to
// a consumer in chunks of at most `Inflater.chunkSize`, keeping only the 32 KiB window that
// back-references may reach: memory is bounded whatever the entry's size. Every malformed
// stream — a bad block type, an over-subscribed or incomplete code, a distance before the start
// of the output, a stream cut short, output beyond the declared size — is an `InflateError`,
// never a trap.

/// Why a DEFLATE stream could not be decoded.
enum InflateError: Error, Equatable, Sendable {
    /// The stream ended inside a block.
    case truncated
    /// A block header with type 3, which RFC 1951 reserves.
    case invalidBlockType
    /// A stored block whose LEN and NLEN are not complements.
    case invalidStoredLength
    /// Code lengths that do not form a prefix code (over-subscribed or incomplete), or counts
    /// out of range.
    case invalidCodeLengths
    /// A bit sequence that decodes to no symbol, or a symbol RFC 1951 does not allow.
    case invalidSymbol
    /// A back-reference to before the start of the output.
    case distanceTooFar
    /// More output than the caller allowed (a ZIP entry's declared size, or a bomb).
    case outputLimitExceeded(Int)
}

/// A canonical Huffman code, decoded with a 9-bit lookup table and a bit-by-bit fallback for
/// the longer codes.
struct HuffmanCode {
    static let fastBits = 9
    /// Codes per length, index 0 unused.
    private(set) var counts = [Int](repeating: 0, count: 16)
    /// Symbols ordered by code.
    private(set) var symbols: [Int]
    /// For a 9-bit window of the stream (least significant bit first): `symbol << 4 | length`,
    /// or 0 when the code is longer than 9 bits.
    private(set) var fast: [UInt16]

    /// Builds the code from per-symbol lengths (0 = unused). `allowIncomplete` accepts a code
    /// with unused bit patterns, as RFC 1951 allows for a distance code of one symbol.
    init(lengths: [Int], allowIncomplete: Bool = false) throws(InflateError) {
        for length in lengths {
            guard length >= 0 && length <= 15 else { throw .invalidCodeLengths }
            counts[length] += 1
        }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = left * 2 - counts[length]
            if left < 0 { throw .invalidCodeLengths }
        }
        let used = lengths.count - lengths.filter { $0 == 0 }.count
        if left > 0 && !(allowIncomplete && used <= 1) && used > 0 { throw .invalidCodeLengths }

        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: max(used, 1))
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }

        fast = [UInt16](repeating: 0, count: 1 << HuffmanCode.fastBits)
        var code = 0, index = 0
        for length in 1...HuffmanCode.fastBits {
            for _ in 0..<counts[length] {
                var reversed = 0
                for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                let entry = UInt16(symbols[index] << 4 | length)
                var slot = reversed
                while slot < fast.count {
                    fast[slot] = entry
                    slot += 1 << length
                }
                code += 1
                index += 1
            }
            code <<= 1
        }
    }
}

/// Decodes one raw DEFLATE stream.
struct Inflater {
    /// The most bytes handed to the consumer at once.
    static let chunkSize = 1 << 16
    private static let window = 1 << 15

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                     67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                      4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                       513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
                                        8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    // Input: a chunk of compressed bytes and a bit buffer holding up to 64 bits.
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var inputEnded = false
    private var bits: UInt64 = 0
    private var bitCount = 0
    private let nextInput: () throws(InflateError) -> [UInt8]

    // Output: the window of history followed by bytes not yet handed over.
    private var output: [UInt8]
    private var outputPosition = 0
    private var flushedUpTo = 0
    private(set) var totalOutput = 0
    private let outputLimit: Int

    /// A decoder reading compressed bytes from `nextInput` (an empty array at the end) and
    /// refusing to produce more than `outputLimit` bytes.
    init(outputLimit: Int, nextInput: @escaping () throws(InflateError) -> [UInt8]) {
        self.outputLimit = outputLimit
        self.nextInput = nextInput
        output = [UInt8](repeating: 0, count: Inflater.window + Inflater.chunkSize)
    }

    /// Decodes the whole stream, handing every decompressed byte to `consume` in order.
    mutating func run<E: Error>(_ consume: (ArraySlice<UInt8>) throws(E) -> Void) throws(InflateOrConsumerError<E>) {
        do {
            var last = false
            while !last {
                last = try take(1) == 1
                switch try take(2) {
                case 0: try storedBlock(consume)
                case 1: try compressedBlock(literal: Inflater.fixedLiteral, distance: Inflater.fixedDistance, consume)
                case 2:
                    let (literal, distance) = try dynamicCodes()
                    try compressedBlock(literal: literal, distance: distance, consume)
                default: throw InflateOrConsumerError<E>.inflate(.invalidBlockType)
                }
            }
            try flush(consume)
        } catch let error as InflateOrConsumerError<E> {
            throw error
        } catch let error as InflateError {
            throw .inflate(error)
        } catch let error as E {
            throw .consumer(error)
        } catch {
            throw .inflate(.truncated)
        }
    }

    // MARK: Bits

    private mutating func refillByte() throws(InflateError) -> Bool {
        if inputPosition == input.count {
            if inputEnded { return false }
            input = try nextInput()
            inputPosition = 0
            if input.isEmpty { inputEnded = true; return false }
        }
        bits |= UInt64(input[inputPosition]) << UInt64(bitCount)
        inputPosition += 1
        bitCount += 8
        return true
    }

    /// Ensures `count` bits (≤ 56) are buffered, or as many as the stream has.
    private mutating func fill(_ count: Int) throws(InflateError) {
        while bitCount < count {
            if try !refillByte() { return }
        }
    }

    private mutating func take(_ count: Int) throws(InflateError) -> Int {
        if count == 0 { return 0 }
        try fill(count)
        guard bitCount >= count else { throw .truncated }
        let value = Int(bits & ((1 << UInt64(count)) - 1))
        bits >>= UInt64(count)
        bitCount -= count
        return value
    }

    private mutating func decode(_ code: HuffmanCode) throws(InflateError) -> Int {
        try fill(15)
        let entry = Int(code.fast[Int(bits & UInt64((1 << HuffmanCode.fastBits) - 1))])
        if entry != 0 {
            let length = entry & 15
            guard bitCount >= length else { throw .truncated }
            bits >>= UInt64(length)
            bitCount -= length
            return entry >> 4
        }
        var value = 0, first = 0, index = 0
        for length in 1...15 {
            guard bitCount >= length else { throw .truncated }
            value |= Int((bits >> UInt64(length - 1)) & 1)
            let count = code.counts[length]
            if value - first < count {
                bits >>= UInt64(length)
                bitCount -= length
                return code.symbols[index + value - first]
            }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw .invalidSymbol
    }

    // MARK: Output

    private mutating func put(_ byte: UInt8) throws(InflateError) {
        guard totalOutput < outputLimit else { throw .outputLimitExceeded(outputLimit) }
        output[outputPosition] = byte
        outputPosition += 1
        totalOutput += 1
    }

    private mutating func flush<E: Error>(_ consume: (ArraySlice<UInt8>) throws(E) -> Void) throws(E) {
        if outputPosition > flushedUpTo { try consume(output[flushedUpTo..<outputPosition]) }
        if outputPosition > Inflater.window {
            let keep = outputPosition - Inflater.window
            output.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                (base).update(from: base + keep, count: Inflater.window)
            }
            outputPosition = Inflater.window
        }
        flushedUpTo = outputPosition
    }

    private mutating func makeRoom<E: Error>(_ consume: (ArraySlice<UInt8>) throws(E) -> Void) throws(E) {
        if outputPosition == output.count { try flush(consume) }
    }

    // MARK: Blocks

    private mutating func storedBlock<E: Error>(_ consume: (ArraySlice<UInt8>) throws(E) -> Void) throws {
        _ = try take(bitCount % 8)
        let length = try take(16)
        let complement = try take(16)
        guard length == ~complement & 0xFFFF else { throw InflateError.invalidStoredLength }
        for _ in 0..<length {
            try makeRoom(consume)
            try put(UInt8(try take(8)))
        }
    }

    private mutating func compressedBlock<E: Error>(literal: HuffmanCode, distance: HuffmanCode,
                                                     _ consume: (ArraySlice<UInt8>) throws(E) -> Void) throws {
        while true {
            let symbol = try decode(literal)
            if symbol < 256 {
                try makeRoom(consume)
                try put(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Inflater.lengthBase.count else { throw InflateError.invalidSymbol }
            let length = Inflater.lengthBase[lengthIndex] + (try take(Inflater.lengthExtra[lengthIndex]))
            let distanceSymbol = try decode(distance)
            guard distanceSymbol < Inflater.distanceBase.count else { throw InflateError.invalidSymbol }
            let back = Inflater.distanceBase[distanceSymbol] + (try take(Inflater.distanceExtra[distanceSymbol]))
            guard back <= totalOutput else { throw InflateError.distanceTooFar }
            for _ in 0..<length {
                try makeRoom(consume)
                try put(output[outputPosition - back])
            }
        }
    }

    private mutating func dynamicCodes() throws(InflateError) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try take(5) + 257
        let distanceCount = try take(5) + 1
        let lengthCodeCount = try take(4) + 4
        guard literalCount <= 286 && distanceCount <= 30 else { throw .invalidCodeLengths }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<lengthCodeCount { codeLengthLengths[Inflater.codeLengthOrder[i]] = try take(3) }
        let codeLengthCode = try HuffmanCode(lengths: codeLengthLengths)

        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengthCode)
            switch symbol {
            case 0...15: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw .invalidCodeLengths }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try take(2))))
            case 17: lengths.append(contentsOf: repeatElement(0, count: 3 + (try take(3))))
            case 18: lengths.append(contentsOf: repeatElement(0, count: 11 + (try take(7))))
            default: throw .invalidSymbol
            }
        }
        guard lengths.count == literalCount + distanceCount, lengths[256] != 0 else { throw .invalidCodeLengths }
        let literal = try HuffmanCode(lengths: Array(lengths[0..<literalCount]))
        let distance = try HuffmanCode(lengths: Array(lengths[literalCount...]), allowIncomplete: true)
        return (literal, distance)
    }

    // The fixed codes of RFC 1951 §3.2.6. They are complete prefix codes, so the fallback (a code
    // that decodes nothing) is never taken.
    private static let fixedLiteral = HuffmanCode.orEmpty(
        (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    private static let fixedDistance = HuffmanCode.orEmpty([Int](repeating: 5, count: 30))
}

extension HuffmanCode {
    /// The code of `lengths`, or one that decodes nothing when they form no code.
    static func orEmpty(_ lengths: [Int]) -> HuffmanCode {
        do { return try HuffmanCode(lengths: lengths, allowIncomplete: true) } catch {
            return HuffmanCode(decodingNothing: ())
        }
    }

    private init(decodingNothing: Void) {
        symbols = [0]
        fast = [UInt16](repeating: 0, count: 1 << HuffmanCode.fastBits)
    }
}

/// A failure of ``Inflater/run(_:)``: of the stream itself or of the consumer it feeds.
enum InflateOrConsumerError<E: Error>: Error {
    case inflate(InflateError)
    case consumer(E)
}
