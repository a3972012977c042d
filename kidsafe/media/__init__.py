"""Media: what is read from the photos themselves, below the engine.

EXIF and bomb-safe decoding (``photos``), the cheap letter check (``textcheck``) and the optional
detectors that look inside an image: text (``ocr``, ``ocr_spacing``), faces (``faces``) and nudity
(``nudity``), with their shared onnxruntime helpers (``_onnx``); and the app's blurred previews
(``thumbnails``). The engine reads only what these return, never the pixels.
"""
