// Text of a PDF as pdf.js (Mozilla's PDF reader, pdfjs-dist) gives it to a JavaScript
// pipeline: each page's text items joined in content order, a newline where an item ends
// a line (hasEOL), pages joined with a newline. Used by benchmarks/corpus/make.py.
//
//   npm install --prefix benchmarks/corpus pdfjs-dist@4
//   node benchmarks/corpus/pdfjs_text.mjs FILE.pdf
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const doc = await getDocument({ url: process.argv[2], verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const content = await (await doc.getPage(n)).getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(pages.join("\n"));
