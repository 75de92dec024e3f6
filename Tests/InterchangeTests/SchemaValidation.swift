import CLibXML2
import Foundation

/// Validates XML against an XSD with libxml2's schema validator; returns every message, empty when valid.
enum SchemaValidation {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/refi-qda` beside the checkout (a worktree sits one level deeper, hence the env override).
    static let refi = ProcessInfo.processInfo.environment["DOSSIER_REFI"].map { URL(fileURLWithPath: $0) }
        ?? [repoRoot.deletingLastPathComponent().appendingPathComponent("shared/refi-qda"),
            URL(fileURLWithPath: "/work/shared/refi-qda")].first { FileManager.default.fileExists(atPath: $0.path) }
        ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared/refi-qda")
    static var refiExists: Bool { FileManager.default.fileExists(atPath: refi.appendingPathComponent("Project.xsd").path) }

    final class Messages { var lines: [String] = [] }

    static func validate(_ xml: String, schema: URL) -> [String] {
        let messages = Messages()
        let context = Unmanaged.passUnretained(messages).toOpaque()
        // From memory: the archive readers install an entity loader that refuses every file (no XXE),
        // which would also refuse to load the schema by path.
        guard let schemaBytes = try? Data(contentsOf: schema) else { return ["cannot read \(schema.path)"] }
        let schemaBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: schemaBytes.count)
        defer { schemaBuffer.deallocate() }
        schemaBytes.withUnsafeBytes { raw in _ = memcpy(schemaBuffer, raw.baseAddress!, schemaBytes.count) }
        guard let parserContext = xmlSchemaNewMemParserCtxt(schemaBuffer, Int32(schemaBytes.count)) else { return ["cannot open \(schema.path)"] }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let parsed = xmlSchemaParse(parserContext) else { return ["cannot parse schema \(schema.path)"] }
        defer { xmlSchemaFree(parsed) }
        guard let validator = xmlSchemaNewValidCtxt(parsed) else { return ["cannot make a validator"] }
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(validator, { ctx, error in
            guard let ctx, let error else { return }
            let box = Unmanaged<Messages>.fromOpaque(ctx).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "?"
            box.lines.append("line \(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }, context)
        let bytes = Array(xml.utf8)
        guard let doc = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "export.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        }) else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(doc) }
        let result = xmlSchemaValidateDoc(validator, doc)
        if result != 0 && messages.lines.isEmpty { messages.lines.append("invalid (code \(result))") }
        return messages.lines
    }
}
