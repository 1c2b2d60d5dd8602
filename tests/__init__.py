# ChatPaper before anything imports PyMuPDF, as in the product: chatpaper declines pymupdf's layout module (an ONNX
# model, onnxruntime and numpy: about a second and 55 MB in each test process), and that module, once imported,
# may turn off anti-aliasing for the whole process and so move every crop's ink box. Tests run what ships.
import chatpaper  # noqa: E402, F401
