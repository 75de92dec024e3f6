import CLibXML2

enum XMLProbe {
    static var libxmlVersion: String { String(cString: __xmlParserVersion().pointee!) }
}
