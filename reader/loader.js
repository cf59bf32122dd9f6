// Opens a budget file with the reader module (a second wasm, inlined in this page beside its
// glue as data blocks, scripts of type text/plain that never run), inside a worker made from
// a blob: URL, so parsing does not block the page and a saved copy keeps the feature offline.
// The app's module calls `window.__budgetReader(file, onProgress)` and gets the `core::wire`
// answer's parts (an array of Uint8Array); `onProgress` is called with thousandths as it reads.
// It also calls it with a download request ({ download, wire, lines, notes }) and gets the file.
// Performance marks `reader:start` (worker made) and `reader:started` (module instantiated) show
// when the reader ran: never before a file is opened.
window.__budgetReader = (file, onProgress) =>
  new Promise((resolve, reject) => {
    const part = (id) => document.getElementById(id).textContent;
    const source = new Blob(
      [part("reader-glue"), "\nconst READER_WASM = \"", part("reader-wasm").trim(), "\";\n",
       part("reader-worker")],
      { type: "text/javascript" }
    );
    const url = URL.createObjectURL(source);
    performance.mark("reader:start");
    const worker = new Worker(url);
    const end = () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    };
    worker.onmessage = ({ data }) => {
      if (data.started) {
        performance.mark("reader:started");
        return;
      }
      if (data.progress !== undefined) {
        onProgress?.(data.progress);
        return;
      }
      end();
      if (data.outcome) {
        resolve(data.outcome);
      } else {
        reject(new Error(data.failed));
      }
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(event.message || "the reader's worker failed"));
    };
    worker.postMessage(file);
  });
