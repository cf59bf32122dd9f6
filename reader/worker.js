// The reader's worker: xtask puts the reader's wasm-bindgen glue (`--target no-modules`, which
// defines `wasm_bindgen`) and `const READER_WASM = "…"` (the wasm, gzip then base64) before this.
// One worker reads one file (or makes one download) and is ended by the page: what parsing used
// goes with it. It posts `{ progress }` (thousandths) while it reads, then `{ outcome }`: the
// answer's parts (`core::wire::encode_answer`), their buffers transferred, not copied.
self.onmessage = async ({ data: file }) => {
  try {
    const packed = Uint8Array.from(atob(READER_WASM), (c) => c.charCodeAt(0));
    const bytes = await new Response(
      new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"))
    ).arrayBuffer();
    await wasm_bindgen({ module_or_path: bytes });
    self.postMessage({ started: true });
    // Not a file but a download of the view, made on a click (`core::export::Download`).
    if (file.download !== undefined) {
      const made = wasm_bindgen.download(file.download, file.wire, file.lines, file.notes);
      self.postMessage(made.length ? { outcome: made } : { failed: "not a download" });
      return;
    }
    let outcome = wasm_bindgen.refuse_size(file.size);
    if (!outcome) {
      let content = null;
      try {
        content = new Uint8Array(await file.arrayBuffer());
      } catch {
        outcome = wasm_bindgen.unreadable();
      }
      if (content) {
        outcome = wasm_bindgen.read(file.name, content, (progress) => self.postMessage({ progress }));
      }
    }
    self.postMessage({ outcome }, outcome.map((part) => part.buffer));
  } catch (error) {
    self.postMessage({ failed: String(error) });
  }
};
