package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"

	"factline/bot"
)

// buffers are reused across responses: an answer is a few KiB, and the check endpoint is the hot path.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// jsonType is the Content-Type of every JSON response. RFC 8259 defines no charset parameter:
// JSON exchanged between systems is UTF-8.
var jsonType = []string{"application/json"}

// writeJSON writes v as compact JSON with HTML characters left as they are and a final newline:
// the same document `factline ask --format json` prints, without its indentation. Pass an answer
// as a *bot.Answer, which encodes itself faster (bot.Answer.AppendJSON). Compact, nearly
// every answer fits with its headers in one 4 KiB write, which net/http sends in one system call.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		buffers.Put(buf)
	}()
	var err error
	if a, ok := v.(*bot.Answer); ok {
		var out []byte
		out, err = a.AppendJSON(buf.AvailableBuffer())
		buf.Write(out) // out was appended in buf's spare room, the pattern AvailableBuffer is for
		buf.WriteByte('\n')
	} else {
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		err = enc.Encode(v)
	}
	if err != nil {
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"encoding failed"}}` + "\n")
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h["Content-Type"] = jsonType
	h["Content-Length"] = []string{strconv.Itoa(buf.Len())}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a client that left cannot be told
}
