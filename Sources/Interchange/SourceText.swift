import Foundation
import ProjectStore

/// A document's plain text as exports carry it: its passages' texts joined by a blank line, the
/// layout ``PassageRecord`` offsets describe, with where each passage starts in Unicode code points.
public struct SourceText: Sendable {
    public let document: DocumentRecord
    /// The whole text.
    public let text: String
    /// The text as code points, for slicing by position.
    let scalars: [Unicode.Scalar]
    /// Passage id -> (start, length) in code points.
    public let passageRanges: [Int64: Range<Int>]
    /// Passages in reading order.
    public let passages: [PassageRecord]

    public init(document: DocumentRecord, passages: [PassageRecord]) {
        var scalars: [Unicode.Scalar] = []
        var ranges: [Int64: Range<Int>] = [:]
        let ordered = passages.sorted { $0.ordinal < $1.ordinal }
        for (i, p) in ordered.enumerated() {
            if i > 0 { scalars.append(contentsOf: "\n\n".unicodeScalars) }
            let start = scalars.count
            scalars.append(contentsOf: p.text.unicodeScalars)
            ranges[p.id!] = start..<scalars.count
        }
        self.document = document
        self.scalars = scalars
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self.text = String(view)
        self.passageRanges = ranges
        self.passages = ordered
    }

    /// Where a coding lies in the document: its span moved by the passage's start, or the whole passage.
    public func range(passage: Int64, span: Range<Int>?) -> Range<Int>? {
        guard let p = passageRanges[passage] else { return nil }
        guard let span else { return p }
        return (p.lowerBound + span.lowerBound)..<(p.lowerBound + span.upperBound)
    }

    /// The text between two code-point positions (clamped).
    public func slice(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(scalars.count, max(range.lowerBound, range.upperBound))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[r])
        return String(view)
    }

    public var length: Int { scalars.count }
}
