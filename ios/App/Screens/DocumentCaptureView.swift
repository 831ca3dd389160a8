import PhotosUI
import SwiftUI
import UIKit
import YaohaoKit

/// One material: a photo from the library or the camera, prepared by the core (upright, within
/// the size limit, re-encoded), previewed with the core's warnings, then queued for upload.
struct DocumentCaptureView: View {
    @Environment(AppState.self) private var state
    @Environment(\.dismiss) private var dismiss
    let editor: DraftEditor
    let kind: DocumentKind

    @State private var pick: PhotosPickerItem?
    @State private var showsCamera = false
    @State private var preparing = false

    var body: some View {
        Form {
            Section {
                PhotosPicker(selection: $pick, matching: .images, photoLibrary: .shared()) {
                    Label("从相册选择", systemImage: "photo.on.rectangle")
                }
                if UIImagePickerController.isSourceTypeAvailable(.camera) {
                    Button {
                        showsCamera = true
                    } label: {
                        Label("拍照", systemImage: "camera")
                    }
                }
            } footer: {
                Text("文件不超过 \(ByteCountFormatter.string(fromByteCount: Int64(documentMaxBytes(kind: kind)), countStyle: .file))，请保证四角完整、字迹清晰。")
            }
            FieldProblems(problems: editor.problems(kind))
            if preparing {
                ProgressView("正在处理照片…")
            }
            if let photo = editor.preparedPhotos[kind] {
                Section("预览") {
                    if let image = UIImage(data: photo.jpeg) {
                        Image(uiImage: image)
                            .resizable()
                            .scaledToFit()
                            .frame(maxHeight: 280)
                            .accessibilityLabel(state.text(documentLabel(kind: kind)))
                    }
                    LabeledContent("尺寸", value: "\(photo.width) × \(photo.height)")
                    LabeledContent("大小", value: ByteCountFormatter.string(fromByteCount: Int64(photo.jpeg.count), countStyle: .file))
                    FieldProblems(problems: photo.warnings.map(\.text))
                    Button("使用这张照片") {
                        Task {
                            await editor.attachPhoto(kind)
                            dismiss()
                        }
                    }
                }
            }
        }
        .navigationTitle(state.text(documentLabel(kind: kind)))
        .onChange(of: pick) { _, item in
            guard let item else { return }
            Task {
                if let data = try? await item.loadTransferable(type: Data.self) {
                    await prepare(data)
                }
                pick = nil
            }
        }
        .fullScreenCover(isPresented: $showsCamera) {
            CameraPicker { data in
                Task { await prepare(data) }
            }
            .ignoresSafeArea()
        }
    }

    private func prepare(_ data: Data) async {
        preparing = true
        _ = await editor.preparePhoto(data, as: kind)
        preparing = false
    }
}

/// The camera (UIImagePickerController), handing back a JPEG.
struct CameraPicker: UIViewControllerRepresentable {
    let onCapture: (Data) -> Void
    @Environment(\.dismiss) private var dismiss

    func makeUIViewController(context: Context) -> UIImagePickerController {
        let picker = UIImagePickerController()
        picker.sourceType = .camera
        picker.delegate = context.coordinator
        return picker
    }

    func updateUIViewController(_ picker: UIImagePickerController, context: Context) {}

    func makeCoordinator() -> Coordinator { Coordinator(self) }

    final class Coordinator: NSObject, UIImagePickerControllerDelegate, UINavigationControllerDelegate {
        private let parent: CameraPicker

        init(_ parent: CameraPicker) { self.parent = parent }

        func imagePickerController(_ picker: UIImagePickerController,
                                   didFinishPickingMediaWithInfo info: [UIImagePickerController.InfoKey: Any]) {
            // The core turns the photo upright and re-encodes it; this JPEG keeps full quality.
            if let image = info[.originalImage] as? UIImage, let data = image.jpegData(compressionQuality: 1) {
                parent.onCapture(data)
            }
            parent.dismiss()
        }

        func imagePickerControllerDidCancel(_ picker: UIImagePickerController) {
            parent.dismiss()
        }
    }
}
