// Empty module (Node built-ins `fs`/`path` required by the emscripten loader of the virtual-background
// TFLite vendor files, and side-effect-only imports such as `image-capture` and excalidraw's CSS).
export default {};
