// SwiftUI's FileDocument exists on Apple platforms only: compiled in the app, not on Linux, where
// the tests cover what it writes and reads (`ExportedData.data`, `init(data:fileName:)`).
#if canImport(SwiftUI) && canImport(UniformTypeIdentifiers)
import Foundation
import SwiftUI
import UniformTypeIdentifiers

/// The export as the JSON document `.fileExporter` saves where the user chooses.
extension ExportedData: FileDocument {
    /// JSON.
    public static var readableContentTypes: [UTType] { [.json] }

    /// Reads an export back from a JSON file.
    public init(configuration: ReadConfiguration) throws {
        guard let data = configuration.file.regularFileContents else { throw CocoaError(.fileReadCorruptFile) }
        try self.init(data: data, fileName: configuration.file.filename ?? "yaohao.json")
    }

    /// Writes `data` under the suggested name.
    public func fileWrapper(configuration: WriteConfiguration) throws -> FileWrapper {
        let wrapper = FileWrapper(regularFileWithContents: data)
        wrapper.preferredFilename = fileName
        return wrapper
    }
}
#endif
