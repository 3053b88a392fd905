// Package telegramtest is a fake Telegram Bot API server for tests. It speaks the real wire format:
// form-encoded or JSON POSTs to /bot<TOKEN>/<method>, files by getFile and GET
// /file/bot<TOKEN>/<file_path> (with the 20 MB download limit of bots), replies {"ok":true,"result":...} or
// {"ok":false,"error_code":...,"description":...,"parameters":{...}}, getUpdates with offset and
// timeout, and it checks sent messages the way Telegram does (HTML parse mode, 4,096 characters,
// 64-byte callback data), so a test fails on what Telegram would refuse.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Token is the bot token the fake accepts.
const Token = "123456:TEST-token_for-factline"

// BotID and BotUsername identify the fake bot in getMe.
const (
	BotID       = 123456
	BotUsername = "FactlineBot"
)

// DownloadLimit is the largest file getFile lets a bot download: larger ones are refused with
// "file is too big".
const DownloadLimit = 20 << 20

// MessageLimit is the longest message text Telegram accepts, in UTF-16 code units after parsing.
const MessageLimit = 4096

// Call is one request the fake received.
type Call struct {
	Method string
	// Params are the request's parameters; JSON bodies' non-string values keep their JSON text.
	Params map[string]string
	At     time.Time
	// Status is the error_code answered, 0 when the call succeeded.
	Status int
	// Description is the error's description, "" when the call succeeded.
	Description string
}

// File is a file the fake holds, as a bot sees it in a message (photo, document).
type File struct {
	ID, UniqueID string
	// Path is where the file endpoint serves it; Size its size in bytes.
	Path string
	Size int
}

// PhotoSize is f as one size of a photo in a message, w by h pixels.
func (f File) PhotoSize(w, h int) map[string]any {
	return map[string]any{"file_id": f.ID, "file_unique_id": f.UniqueID, "width": w, "height": h, "file_size": f.Size}
}

// Document is f as a document in a message, with its MIME type.
func (f File) Document(name, mimeType string) map[string]any {
	return map[string]any{"file_id": f.ID, "file_unique_id": f.UniqueID, "file_name": name, "mime_type": mimeType, "file_size": f.Size}
}

// JSON decodes the JSON-valued parameter key (reply_markup, results, ...) into v.
func (c Call) JSON(key string, v any) error {
	s, ok := c.Params[key]
	if !ok {
		return fmt.Errorf("%s has no parameter %s", c.Method, key)
	}
	return json.Unmarshal([]byte(s), v)
}

// Server is a fake Bot API. Its zero value is not usable; call NewServer.
type Server struct {
	*httptest.Server
	t testing.TB

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every new update or call
	updates  []json.RawMessage
	nextID   int
	calls    []Call
	faults   map[string][]fault
	members  map[[2]int64]string
	throttle map[string]time.Time // chat_id -> end of its flood control
	nextMsg  int
	files    map[string]*storedFile // by file_id
	closed   chan struct{}
	closeOne sync.Once
}

// storedFile is a file's bytes; data is nil for a file over DownloadLimit, which is never served.
type storedFile struct {
	File
	data []byte
}

type fault struct {
	code       int
	retryAfter int
}

// NewServer starts a fake Bot API and stops it when the test ends. At the end it also fails the
// test if any request was refused as malformed (status 400), since Telegram would have refused it.
func NewServer(t testing.TB) *Server {
	s := &Server{
		t: t, changed: make(chan struct{}), nextID: 1, nextMsg: 1000,
		faults: map[string][]fault{}, files: map[string]*storedFile{}, members: map[[2]int64]string{}, throttle: map[string]time.Time{},
		closed: make(chan struct{}),
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		s.closeOne.Do(func() { close(s.closed) })
		s.Server.Close()
		for _, c := range s.Calls("") {
			// "file is too big" is how Telegram refuses a download it does not serve, not a malformed call.
			if c.Status == http.StatusBadRequest && c.Description != errFileTooBig {
				t.Errorf("fake Bot API refused a malformed %s: %v", c.Method, c.Params)
			}
		}
	})
	return s
}

// Endpoint is the API endpoint pattern to configure the client with (TELEGRAM_API_ENDPOINT).
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

// AddFile stores data as a file a user sent, to be downloaded with getFile and the file endpoint.
func (s *Server) AddFile(data []byte) File {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.files) + 1
	f := &storedFile{File: File{ID: fmt.Sprintf("AgACAgFile%04d", n), UniqueID: fmt.Sprintf("AQADuniq%04d", n),
		Path: fmt.Sprintf("photos/file_%d.jpg", n), Size: len(data)}, data: data}
	s.files[f.ID] = f
	return f.File
}

// AddLargeFile stores a file of size bytes, more than DownloadLimit: Telegram holds it, but
// getFile refuses it to a bot. Its bytes are not kept.
func (s *Server) AddLargeFile(size int) File {
	if size <= DownloadLimit {
		s.t.Fatalf("telegramtest: AddLargeFile(%d) is within the download limit; use AddFile", size)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.files) + 1
	f := &storedFile{File: File{ID: fmt.Sprintf("AgACAgBig%04d", n), UniqueID: fmt.Sprintf("AQADbig%04d", n), Size: size}}
	s.files[f.ID] = f
	return f.File
}

// Push queues an update for getUpdates, giving it the next update_id, which it returns.
func (s *Server) Push(update map[string]any) int {
	raw, err := json.Marshal(update)
	if err != nil {
		s.t.Fatalf("telegramtest: marshal update: %v", err)
	}
	return s.PushRaw(string(raw))
}

// PushRaw queues an update given as a JSON object (which may be deliberately malformed inside),
// setting its update_id.
func (s *Server) PushRaw(object string) int {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(object), &m); err != nil {
		s.t.Fatalf("telegramtest: PushRaw needs a JSON object: %v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID
	s.nextID++
	m["update_id"] = json.RawMessage(strconv.Itoa(id))
	raw, _ := json.Marshal(m)
	s.updates = append(s.updates, raw)
	s.notify()
	return id
}

// Fail makes the next n calls of method fail with code (e.g. 429 with retryAfter seconds, or 502).
func (s *Server) Fail(method string, n, code, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], fault{code, retryAfter})
	}
}

// Throttle puts one chat under flood control for d, as Telegram does to a bot that writes to a chat
// too fast: until then every sendMessage to chatID is answered 429 with the seconds left as
// retry_after (rounded up), while other chats are served as usual.
func (s *Server) Throttle(chatID int64, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle[strconv.FormatInt(chatID, 10)] = time.Now().Add(d)
}

// SetMember sets a user's status in a chat for getChatMember ("administrator", "creator", "member").
func (s *Server) SetMember(chatID, userID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[[2]int64{chatID, userID}] = status
}

// Calls returns the calls received so far of method, or of every method when method is "".
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Wait returns the first successful call of method for which match (nil: any) is true, failing t
// (the test or subtest waiting) if none arrives within 20 seconds: long enough for a picture read
// by the real OCR under the race detector on a busy machine, and only a failing test waits that long.
func (s *Server) Wait(t testing.TB, method string, match func(Call) bool) Call {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s.mu.Lock()
		for _, c := range s.calls {
			if c.Method == method && c.Status == 0 && (match == nil || match(c)) {
				s.mu.Unlock()
				return c
			}
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("telegramtest: no matching %s call within 10s; calls: %s", method, s.summary())
			return Call{}
		}
	}
}

// summary lists the calls received, briefly, for failure messages.
func (s *Server) summary() string {
	var b strings.Builder
	for _, c := range s.Calls("") {
		fmt.Fprintf(&b, "\n  %s %d", c.Method, c.Status)
		for _, k := range []string{"chat_id", "reply_parameters", "message_thread_id", "callback_query_id", "inline_query_id", "offset"} {
			if v, ok := c.Params[k]; ok {
				fmt.Fprintf(&b, " %s=%s", k, v)
			}
		}
	}
	return b.String()
}

// notify wakes every waiter; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !strings.HasPrefix(r.URL.Path, "/bot") || !ok {
		reply(w, http.StatusNotFound, nil, "Not Found", 0)
		return
	}
	if token != Token {
		reply(w, http.StatusUnauthorized, nil, "Unauthorized", 0)
		return
	}
	params, err := readParams(r)
	if err != nil {
		reply(w, http.StatusBadRequest, nil, "Bad Request: "+err.Error(), 0)
		return
	}
	call := Call{Method: method, Params: params, At: time.Now()}
	if method == "getUpdates" {
		s.getUpdates(w, r, call)
		return
	}
	s.mu.Lock()
	if f := s.faults[method]; len(f) > 0 {
		s.faults[method] = f[1:]
		call.Status = f[0].code
		s.record(call)
		s.mu.Unlock()
		reply(w, f[0].code, nil, fmt.Sprintf("Error %d injected by the test", f[0].code), f[0].retryAfter)
		return
	}
	if until, ok := s.throttle[params["chat_id"]]; ok && method == "sendMessage" && call.At.Before(until) {
		call.Status = http.StatusTooManyRequests
		s.record(call)
		s.mu.Unlock()
		left := int((until.Sub(call.At) + time.Second - 1) / time.Second)
		reply(w, http.StatusTooManyRequests, nil, fmt.Sprintf("Too Many Requests: retry after %d", left), left)
		return
	}
	result, err := s.result(call)
	if err == errUnknownMethod {
		call.Status = http.StatusNotFound
	} else if err != nil {
		call.Status, call.Description = http.StatusBadRequest, "Bad Request: "+err.Error()
	}
	s.record(call)
	s.mu.Unlock()
	switch {
	case err == errUnknownMethod:
		reply(w, http.StatusNotFound, nil, "Not Found: method not found", 0)
	case err != nil:
		reply(w, http.StatusBadRequest, nil, "Bad Request: "+err.Error(), 0)
	default:
		reply(w, http.StatusOK, result, "", 0)
	}
}

func (s *Server) record(c Call) {
	s.calls = append(s.calls, c)
	s.notify()
}

// result answers a method other than getUpdates; s.mu is held.
func (s *Server) result(c Call) (any, error) {
	p := c.Params
	switch c.Method {
	case "getMe":
		return map[string]any{"id": BotID, "is_bot": true, "first_name": "Factline", "username": BotUsername,
			"can_join_groups": true, "supports_inline_queries": true}, nil
	case "sendMessage":
		if p["chat_id"] == "" {
			return nil, fmt.Errorf("chat_id is empty")
		}
		if err := checkText(p["text"], p["parse_mode"]); err != nil {
			return nil, err
		}
		if err := checkMarkup(p["reply_markup"]); err != nil {
			return nil, err
		}
		if lp, ok := p["link_preview_options"]; ok && !json.Valid([]byte(lp)) {
			return nil, fmt.Errorf("can't parse link_preview_options")
		}
		s.nextMsg++
		chatID, _ := strconv.ParseInt(p["chat_id"], 10, 64)
		msg := map[string]any{"message_id": s.nextMsg, "date": time.Now().Unix(), "text": p["text"],
			"chat": map[string]any{"id": chatID, "type": "private"}}
		if th := p["message_thread_id"]; th != "" {
			msg["message_thread_id"], _ = strconv.Atoi(th)
			msg["is_topic_message"] = true
		}
		return msg, nil
	case "answerCallbackQuery":
		if p["callback_query_id"] == "" {
			return nil, fmt.Errorf("callback_query_id is empty")
		}
		if n := len([]rune(p["text"])); n > 200 {
			return nil, fmt.Errorf("callback answer text is %d characters, more than 200", n)
		}
		return true, nil
	case "answerInlineQuery":
		return true, checkInlineResults(p)
	case "getChatMember":
		chatID, _ := strconv.ParseInt(p["chat_id"], 10, 64)
		userID, _ := strconv.ParseInt(p["user_id"], 10, 64)
		status := s.members[[2]int64{chatID, userID}]
		if status == "" {
			status = "member"
		}
		return map[string]any{"status": status, "user": map[string]any{"id": userID, "is_bot": false, "first_name": "X"}}, nil
	case "setWebhook":
		if p["url"] == "" {
			return nil, fmt.Errorf("url is empty")
		}
		return true, nil
	case "editMessageReplyMarkup":
		if p["inline_message_id"] == "" && (p["chat_id"] == "" || p["message_id"] == "") {
			return nil, fmt.Errorf("message to edit not specified")
		}
		if err := checkMarkup(p["reply_markup"]); err != nil {
			return nil, err
		}
		return true, nil
	case "getFile":
		f := s.files[p["file_id"]]
		switch {
		case f == nil:
			return nil, fmt.Errorf("invalid file_id")
		case f.Size > DownloadLimit:
			return nil, fmt.Errorf("file is too big")
		}
		return map[string]any{"file_id": f.ID, "file_unique_id": f.UniqueID, "file_size": f.Size, "file_path": f.Path}, nil
	case "sendChatAction":
		if p["chat_id"] == "" {
			return nil, fmt.Errorf("chat_id is empty")
		}
		switch p["action"] {
		case "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
			"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note":
			return true, nil
		}
		return nil, fmt.Errorf("wrong parameter action in request")
	case "deleteWebhook", "setMyCommands":
		return true, nil
	}
	return nil, errUnknownMethod
}

var errUnknownMethod = fmt.Errorf("method not found")

// errFileTooBig is the description Telegram answers getFile with for a file over DownloadLimit.
const errFileTooBig = "Bad Request: file is too big"

// serveFile serves GET /file/bot<token>/<path>, recorded as a call of method "file" with the
// path as its "path" parameter.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, path, _ := strings.Cut(rest, "/")
	call := Call{Method: "file", Params: map[string]string{"path": path}, At: time.Now()}
	s.mu.Lock()
	var data []byte
	found := false
	for _, f := range s.files {
		if f.Path != "" && f.Path == path {
			data, found = f.data, true
		}
	}
	switch {
	case r.Method != http.MethodGet:
		call.Status = http.StatusMethodNotAllowed
	case token != Token:
		call.Status = http.StatusUnauthorized
	case !found:
		call.Status = http.StatusNotFound
	}
	s.record(call)
	s.mu.Unlock()
	if call.Status != 0 {
		http.Error(w, http.StatusText(call.Status), call.Status)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

func checkText(text, parseMode string) error {
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("message text is empty")
	}
	plain := text
	if parseMode == "HTML" {
		var err error
		if plain, err = ParseHTML(text); err != nil {
			return err
		}
	} else if parseMode != "" {
		return fmt.Errorf("unsupported parse_mode %q in this fake", parseMode)
	}
	if n := Len16(plain); n > MessageLimit {
		return fmt.Errorf("message is too long (%d)", n)
	}
	return nil
}

func checkMarkup(markup string) error {
	if markup == "" {
		return nil
	}
	var m struct {
		InlineKeyboard [][]struct {
			Text         string  `json:"text"`
			CallbackData *string `json:"callback_data"`
			URL          *string `json:"url"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &m); err != nil {
		return fmt.Errorf("can't parse reply keyboard markup JSON object")
	}
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				return fmt.Errorf("text buttons are unallowed in the inline keyboard")
			}
			if b.CallbackData != nil && (len(*b.CallbackData) == 0 || len(*b.CallbackData) > 64) {
				return fmt.Errorf("BUTTON_DATA_INVALID")
			}
		}
	}
	return nil
}

func checkInlineResults(p map[string]string) error {
	if p["inline_query_id"] == "" {
		return fmt.Errorf("inline_query_id is empty")
	}
	var results []struct {
		Type    string `json:"type"`
		ID      string `json:"id"`
		Title   string `json:"title"`
		Content struct {
			Text      string `json:"message_text"`
			ParseMode string `json:"parse_mode"`
		} `json:"input_message_content"`
	}
	if err := json.Unmarshal([]byte(p["results"]), &results); err != nil {
		return fmt.Errorf("can't parse inline query results: %v", err)
	}
	if len(results) > 50 {
		return fmt.Errorf("RESULTS_TOO_MUCH")
	}
	ids := map[string]bool{}
	for _, r := range results {
		if r.Type != "article" || r.Title == "" || r.ID == "" || len(r.ID) > 64 || ids[r.ID] {
			return fmt.Errorf("RESULT_ID_INVALID or missing article fields")
		}
		ids[r.ID] = true
		if err := checkText(r.Content.Text, r.Content.ParseMode); err != nil {
			return err
		}
	}
	return nil
}

// getUpdates answers the updates at or after offset, waiting up to timeout seconds for one.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, c Call) {
	offset, _ := strconv.Atoi(c.Params["offset"])
	timeout, _ := strconv.Atoi(c.Params["timeout"])
	deadline := time.After(time.Duration(timeout) * time.Second)
	s.mu.Lock()
	if f := s.faults["getUpdates"]; len(f) > 0 {
		s.faults["getUpdates"] = f[1:]
		c.Status = f[0].code
		s.record(c)
		s.mu.Unlock()
		reply(w, f[0].code, nil, fmt.Sprintf("Error %d injected by the test", f[0].code), f[0].retryAfter)
		return
	}
	s.record(c) // on arrival, so a test can tell that a long poll is waiting
	s.mu.Unlock()
	for {
		s.mu.Lock()
		// Telegram forgets the updates before offset once a getUpdates confirms them.
		first := offset - (s.nextID - len(s.updates))
		if offset > 0 && first > 0 {
			s.updates = s.updates[min(first, len(s.updates)):]
		}
		pending := append([]json.RawMessage(nil), s.updates...)
		ch := s.changed
		if len(pending) > 0 || timeout == 0 {
			s.mu.Unlock()
			reply(w, http.StatusOK, pending, "", 0)
			return
		}
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			timeout = 0
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		}
	}
}

func reply(w http.ResponseWriter, status int, result any, description string, retryAfter int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body := map[string]any{"ok": status == http.StatusOK}
	if status == http.StatusOK {
		if result == nil {
			result = []any{}
		}
		body["result"] = result
	} else {
		body["error_code"] = status
		body["description"] = description
		if retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": retryAfter}
		}
	}
	_ = json.NewEncoder(w).Encode(body)
}

// readParams reads a form-encoded (as sent by go-telegram-bot-api), JSON or query-string request.
func readParams(r *http.Request) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range r.URL.Query() {
		out[k] = v[0]
	}
	if r.Body == nil {
		return out, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
	if err != nil {
		return nil, err
	}
	if len(body) == 0 {
		return out, nil
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("malformed form body: %v", err)
		}
		for k, v := range vals {
			out[k] = v[0]
		}
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, fmt.Errorf("malformed JSON body: %v", err)
		}
		for k, v := range m {
			var s string
			if json.Unmarshal(v, &s) == nil {
				out[k] = s
			} else {
				out[k] = string(v)
			}
		}
	default:
		return nil, fmt.Errorf("unsupported Content-Type %q", r.Header.Get("Content-Type"))
	}
	return out, nil
}
