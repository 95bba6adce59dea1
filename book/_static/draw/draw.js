/* The in-browser retrieval demo of book/draw.md: draw or pick a sketch, see the nearest shapes.
 *
 * The sketch branch of the book's demo model runs here with onnxruntime-web (loaded before
 * this script); its files were written by sbsr.demo.export when the book was built, and
 * model/demo.json says what is where. The large files (the runtime's WebAssembly, the ONNX file,
 * the shape embeddings) come gzip-compressed, named *.gz, and are unpacked here with
 * DecompressionStream. Strokes become the network's input as in sbsr.strokes.rasterize. Every
 * file comes from beside this script: nothing from another host.
 * window.sbsrDraw gives tests the rasteriser, the last input and the last result.
 */
(function () {
  "use strict";
  const base = new URL(".", document.currentScript.src);
  const K = 10;

  /* Strokes (arrays of [x, y] canvas points) -> uint8 (n * n) sketch, white background:
   * sbsr.strokes.rasterize. Points are clipped to the canvas; the bounding box is scaled (aspect
   * kept) to fill the image less a margin and centred; strokes are drawn `supersample` times
   * larger, a line through the points and a dot on each, then each output pixel is the mean of
   * its block. PIL draws without anti-aliasing, a canvas with it; two settings bring the two
   * close (fitted on the line drawings of sbsr.data.drawings; the book's test states how close):
   * PIL's line runs between whole pixels, and its small dots cover a little more than their
   * radius (DOT_GROWTH). */
  const DOT_GROWTH = 0.25;
  function rasterize(strokes, width, height, n, p) {
    const clip = (v, hi) => Math.min(Math.max(v, 0), hi);
    const lines = strokes.filter((s) => s.length).map((s) => s.map(([x, y]) => [clip(x, width), clip(y, height)]));
    if (!lines.length) throw new Error("no strokes to rasterize: the drawing is empty");
    const all = lines.flat();
    const lo = [0, 1].map((k) => Math.min(...all.map((q) => q[k])));
    const hi = [0, 1].map((k) => Math.max(...all.map((q) => q[k])));
    const extent = Math.max(hi[0] - lo[0], hi[1] - lo[1]);
    const ss = p.supersample, side = n * ss;
    const scale = extent > 0 ? (side * (1 - 2 * p.margin)) / extent : 0;
    const offset = [0, 1].map((k) => (side - (hi[k] - lo[k]) * scale) / 2);
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = side;
    const g = canvas.getContext("2d", { willReadFrequently: true });
    g.fillStyle = "#fff";
    g.fillRect(0, 0, side, side);
    g.fillStyle = g.strokeStyle = "#000";
    const pen = p.line_width * n * ss, whole = (v) => Math.trunc(v) + 0.5;
    g.lineWidth = Math.max(1, Math.round(pen));
    g.lineCap = g.lineJoin = "round";
    for (const line of lines) {
      const xy = line.map(([x, y]) => [(x - lo[0]) * scale + offset[0], (y - lo[1]) * scale + offset[1]]);
      if (xy.length > 1) {
        g.beginPath();
        xy.forEach(([x, y], i) => (i ? g.lineTo(whole(x), whole(y)) : g.moveTo(whole(x), whole(y))));
        g.stroke();
      }
      for (const [x, y] of xy) {
        g.beginPath();
        g.arc(x, y, pen / 2 + DOT_GROWTH, 0, 2 * Math.PI);
        g.fill();
      }
    }
    const rgba = g.getImageData(0, 0, side, side).data;
    const out = new Uint8Array(n * n);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        let sum = 0;
        for (let i = 0; i < ss; i++) {
          for (let j = 0; j < ss; j++) sum += rgba[4 * ((r * ss + i) * side + c * ss + j)];
        }
        out[r * n + c] = Math.round(sum / (ss * ss));
      }
    }
    return out;
  }

  /* The grey pixels of an image file, exactly as stored (no colour management). */
  async function greyPixels(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const bitmap = await createImageBitmap(await response.blob(), {
      colorSpaceConversion: "none", premultiplyAlpha: "none" });
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const g = canvas.getContext("2d", { willReadFrequently: true });
    g.drawImage(bitmap, 0, 0);
    const rgba = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const grey = new Uint8Array(bitmap.width * bitmap.height);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[4 * i];
    return { grey, width: bitmap.width };
  }

  async function fetchOk(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response;
  }

  /* The bytes of a file, unpacked if its name ends in .gz. A server that sent it with
   * Content-Encoding: gzip has unpacked it already: then it does not start as gzip does. */
  async function fetchBytes(url) {
    const bytes = await (await fetchOk(url)).arrayBuffer();
    const head = new Uint8Array(bytes.slice(0, 2));
    if (!url.pathname.endsWith(".gz") || head[0] !== 0x1f || head[1] !== 0x8b) return bytes;
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  }

  async function load() {
    const dir = new URL("model/", base);
    const m = await (await fetchOk(new URL("demo.json", dir))).json();
    const [runtime, model, queries, ...shapes] = await Promise.all([
      fetchBytes(new URL("ort/ort-wasm.wasm.gz", base)),
      fetchBytes(new URL(m.model, dir)),
      greyPixels(new URL(m.queries.file, dir)),
      ...m.variants.map((v) => fetchBytes(new URL(v.shapes, dir))),
    ]);
    // the runtime from memory: wasmPaths maps the name of the build it loads to a URL
    const url = URL.createObjectURL(new Blob([runtime], { type: "application/wasm" }));
    ort.env.wasm.wasmPaths = { "ort-wasm.wasm": url };
    ort.env.wasm.numThreads = 1; // a static host does not isolate the page: no threads
    ort.env.wasm.simd = false; // the book ships the plain build only (the smallest)
    const session = await ort.InferenceSession.create(new Uint8Array(model), { executionProviders: ["wasm"] })
      .finally(() => URL.revokeObjectURL(url));
    m.variants.forEach((v, i) => (v.emb = new Float32Array(shapes[i])));
    m.thumbnails.url = new URL(m.thumbnails.file, dir).href;
    return { m, session, queries };
  }

  function setUp(root) {
    const $ = (name) => root.querySelector(`.sbsr-draw-${name}`);
    const canvas = $("canvas"), pen = canvas.getContext("2d");
    const seen = $("input"), status = $("status"), message = $("message"), results = $("results");
    const picker = $("picker"), variant = $("variant");
    const strokes = [];
    let demo = null, last = null, lastInput = null, drawing = false, readyAt = null;

    const say = (el, text) => (el.textContent = text);
    if (location.protocol === "file:") {
      root.classList.add("sbsr-draw-off");
      say(status, "Opened as a file, this page cannot load its model: run make serve in the repository " +
        "and open http://127.0.0.1:8000/book/draw.html");
      return;
    }
    if (typeof DecompressionStream === "undefined") {
      root.classList.add("sbsr-draw-off");
      say(status, "This browser cannot unpack the demo's model (it has no DecompressionStream): " +
        "open the page in Chrome 80, Firefox 113, Safari 16.4 or a later version.");
      return;
    }
    const started = performance.now();
    const ready = load().then((d) => {
      demo = d;
      const m = d.m;
      for (const v of m.variants) variant.add(new Option(v.label, v.name, false, v.name === "full"));
      m.queries.ids.forEach((id, i) => picker.add(new Option(`${m.classes[m.queries.labels[i]]} / sketch ${id}`, i)));
      if (canvas.width !== m.canvas_size) canvas.width = canvas.height = m.canvas_size;
      seen.width = seen.height = m.image_size;
      redraw(); // what was drawn while the model loaded, and what the network will see
      say(status, `Ready: ${m.model_ids.length.toLocaleString("en")} shapes of ${m.classes.length} classes; ` +
        `model loaded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      root.classList.add("sbsr-draw-ready");
      readyAt = performance.now();
      return true;
    }).catch((error) => {
      say(status, `The demo could not load its model (${error.message || error}). Serve the built book over ` +
        "http (make serve) and reload.");
      console.error(error);
      return false;
    });

    function clearCanvas() {
      pen.fillStyle = "#fff";
      pen.fillRect(0, 0, canvas.width, canvas.height);
    }
    function redraw() {
      clearCanvas();
      pen.strokeStyle = pen.fillStyle = "#000";
      pen.lineWidth = 3;
      pen.lineCap = pen.lineJoin = "round";
      for (const s of strokes) {
        pen.beginPath();
        s.forEach(([x, y], i) => (i ? pen.lineTo(x, y) : pen.moveTo(x, y)));
        if (s.length === 1) pen.arc(s[0][0], s[0][1], 1.5, 0, 2 * Math.PI);
        s.length === 1 ? pen.fill() : pen.stroke();
      }
      showInput();
    }
    function pickedIndex() {
      return picker.value === "" ? null : Number(picker.value);
    }
    function pickedImage(i) {
      const q = demo.m.queries, n = q.size, { grey, width } = demo.queries;
      const r = Math.floor(i / q.columns), c = i % q.columns, out = new Uint8Array(n * n);
      for (let y = 0; y < n; y++) out.set(grey.subarray((r * n + y) * width + c * n, (r * n + y) * width + c * n + n), y * n);
      return out;
    }
    /* The sketch the network gets: the picked test sketch, or the rasterised drawing. */
    function queryImage() {
      const m = demo.m, i = pickedIndex();
      if (i !== null) return pickedImage(i);
      return rasterize(strokes, canvas.width, canvas.height, m.image_size, m.rasterize);
    }
    function paint(target, image) {
      const n = Math.sqrt(image.length), g = target.getContext("2d"), data = g.createImageData(n, n);
      image.forEach((v, i) => data.data.set([v, v, v, 255], 4 * i));
      g.putImageData(data, 0, 0);
    }
    function showInput() {
      if (!demo) return;
      try {
        paint(seen, queryImage());
      } catch (_) {
        paint(seen, new Uint8Array(demo.m.image_size ** 2).fill(255));
      }
    }
    function point(event) {
      const box = canvas.getBoundingClientRect();
      return [(event.clientX - box.left) * (canvas.width / box.width), (event.clientY - box.top) * (canvas.height / box.height)];
    }

    canvas.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      if (pickedIndex() !== null) {
        picker.value = ""; // drawing replaces a picked sketch
        strokes.length = 0;
      }
      canvas.setPointerCapture(event.pointerId);
      drawing = true;
      strokes.push([point(event)]);
      redraw();
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!drawing) return;
      event.preventDefault();
      const stroke = strokes[strokes.length - 1], [x0, y0] = stroke[stroke.length - 1], [x, y] = point(event);
      stroke.push([x, y]);
      pen.beginPath();
      pen.moveTo(x0, y0);
      pen.lineTo(x, y);
      pen.stroke();
    });
    const penUp = () => {
      if (drawing) showInput();
      drawing = false;
    };
    canvas.addEventListener("pointerup", penUp);
    canvas.addEventListener("pointercancel", penUp);

    picker.addEventListener("change", () => {
      strokes.length = 0;
      clearCanvas();
      const i = pickedIndex();
      if (i !== null) {
        const image = pickedImage(i), small = document.createElement("canvas");
        small.width = small.height = demo.m.image_size;
        paint(small, image);
        pen.imageSmoothingEnabled = true;
        pen.drawImage(small, 0, 0, canvas.width, canvas.height);
      }
      showInput();
    });
    $("clear").addEventListener("click", () => {
      strokes.length = 0;
      picker.value = "";
      redraw();
    });
    $("undo").addEventListener("click", () => {
      if (pickedIndex() === null && strokes.length) {
        strokes.pop();
        redraw();
      }
    });
    $("search").addEventListener("click", () => search());
    variant.addEventListener("change", () => last && search());

    async function search() {
      const clicked = performance.now();
      say(message, "Searching…");
      if (!(await ready)) {
        say(message, "");
        return;
      }
      let input;
      try {
        input = queryImage();
      } catch (_) {
        say(message, "Nothing to search for: the canvas is empty. Draw a sketch or pick one.");
        results.replaceChildren();
        last = null;
        return;
      }
      const m = demo.m, v = m.variants.find((x) => x.name === variant.value), n = m.image_size;
      const out = await demo.session.run({ [m.input]: new ort.Tensor("uint8", input, [1, n, n]) });
      const q = out[v.name].data, d = m.dim, count = m.model_ids.length;
      const dist = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (q[j] - v.emb[i * d + j]) ** 2;
        dist[i] = Math.sqrt(s);
      }
      const top = Array.from(dist.keys()).sort((a, b) => dist[a] - dist[b] || a - b).slice(0, K);
      const ms = performance.now() - clicked;
      const picked = pickedIndex();
      const queryClass = picked === null ? null : m.classes[m.queries.labels[picked]];
      results.replaceChildren(...top.map((i, rank) => result(i, rank, dist[i], queryClass)));
      lastInput = input;
      last = { variant: v.name, ids: top.map((i) => m.model_ids[i]), classes: top.map((i) => m.classes[m.labels[i]]),
        distances: top.map((i) => dist[i]), ms, query: picked === null ? null : m.queries.ids[picked] };
      say(message, `Top ${top.length} of ${count.toLocaleString("en")} shapes with the ${v.label} in ` +
        `${ms.toFixed(0)} ms` + (queryClass ? ` (query class: ${queryClass}).` : "."));
    }

    function result(i, rank, distance, queryClass) {
      const m = demo.m, t = m.thumbnails, cell = 88, cls = m.classes[m.labels[i]];
      const item = document.createElement("li");
      item.className = "sbsr-draw-result" + (queryClass && cls === queryClass ? " sbsr-draw-hit" : "");
      const thumb = document.createElement("span");
      thumb.className = "sbsr-draw-thumb";
      const rows = Math.ceil(m.model_ids.length / t.columns);
      Object.assign(thumb.style, {
        backgroundImage: `url("${t.url}")`,
        backgroundSize: `${t.columns * cell}px ${rows * cell}px`,
        backgroundPosition: `-${(i % t.columns) * cell}px -${Math.floor(i / t.columns) * cell}px`,
      });
      const name = document.createElement("span");
      name.className = "sbsr-draw-class";
      name.textContent = `${rank + 1}. ${cls}`;
      const meta = document.createElement("span");
      meta.className = "sbsr-draw-meta";
      meta.textContent = `m${m.model_ids[i]}, d = ${distance.toFixed(3)}`;
      item.append(thumb, name, meta);
      return item;
    }

    window.sbsrDraw = {
      ready,
      rasterize: (lines, width, height, n) => Array.from(rasterize(lines, width, height, n, demo.m.rasterize)),
      last: () => last,
      lastInput: () => (lastInput ? Array.from(lastInput) : null),
      startedAt: started,
      readyAt: () => readyAt, // ms since the page's navigation started
    };
  }

  const root = document.getElementById("sbsr-draw");
  if (root) setUp(root);
})();
