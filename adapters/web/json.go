package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// buffers are reused across responses: an answer is a few KiB, and the check endpoint is the hot path.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeJSON writes v as `factline ask --format json` prints it: indented by two spaces, HTML
// characters left as they are, a final newline. json.Encoder's own indentation re-scans the
// output byte by byte and took half the time of a whole check request, so v is encoded compact
// and indented by indentJSON, which produces the same bytes (TestIndentJSONMatchesEncoder).
func writeJSON(w http.ResponseWriter, status int, v any) {
	compact, out := buffers.Get().(*bytes.Buffer), buffers.Get().(*bytes.Buffer)
	defer func() {
		compact.Reset()
		out.Reset()
		buffers.Put(compact)
		buffers.Put(out)
	}()
	enc := json.NewEncoder(compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"encoding failed"}}`, http.StatusInternalServerError)
		return
	}
	indentJSON(out, bytes.TrimSuffix(compact.Bytes(), []byte("\n")))
	out.WriteByte('\n')
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(out.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(out.Bytes()) // a client that left cannot be told
}

// indentJSON writes src, compact JSON as encoding/json makes it, with json.Indent's layout
// (prefix "", indent two spaces): one member or element per line, "{}" and "[]" when empty.
// Strings are copied whole rather than byte by byte.
func indentJSON(dst *bytes.Buffer, src []byte) {
	depth := 0
	newline := func() {
		dst.WriteByte('\n')
		for range depth {
			dst.WriteString("  ")
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			dst.Write(src[i:end])
			i = end - 1
		case '{', '[':
			dst.WriteByte(c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst.WriteByte(src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst.WriteByte(c)
		case ',':
			dst.WriteByte(c)
			newline()
		case ':':
			dst.WriteString(": ")
		default:
			dst.WriteByte(c)
		}
	}
}

// stringEnd returns the index just past the JSON string that starts with the quote at src[i]. A
// quote ends the string unless an odd number of backslashes precedes it.
func stringEnd(src []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(src[j:], '"')
		if k < 0 {
			return len(src)
		}
		j += k
		n := 0
		for n < j-i-1 && src[j-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
		j++
	}
}
