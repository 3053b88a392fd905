package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/url"

	"factline/bot"
)

// checkRequest is the body of POST /api/v1/check.
type checkRequest struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

// apiError is the body of every API error: {"error": {"code": ..., "message": ...}}.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// postedJSON reads a POSTed JSON body into v, or answers the API's error (405, 415, 400, 413)
// and returns false; example shows the body expected.
func postedJSON(w http.ResponseWriter, r *http.Request, v any, example string) bool {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeAPIError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use POST with a JSON body")
		return false
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		writeAPIError(w, http.StatusUnsupportedMediaType, "unsupported_media_type", "send the body as Content-Type: application/json")
		return false
	}
	if refused := readJSON(w, r, v, example); refused != nil {
		writeAPIError(w, refused.status, refused.Code, refused.Message)
		return false
	}
	return true
}

// handleAPICheck answers POST /api/v1/check with the same JSON as `factline ask --format json`:
// a JSON body with the text, or multipart/form-data with a picture in the field image.
func (s *Server) handleAPICheck(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && isMultipart(r.Header.Get("Content-Type")) {
		s.apiCheckPicture(w, r)
		return
	}
	var req checkRequest
	if !postedJSON(w, r, &req, `{"text": "...", "lang": "fr"}`) {
		return
	}
	ans, err := s.bot.Ask(r.Context(), bot.Request{Text: req.Text, Lang: req.Lang, Surface: bot.SurfaceWeb, User: s.clientKey(r)})
	if err != nil {
		s.writeBotError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, &ans)
}

// apiCheckPicture answers a picture sent to POST /api/v1/check as multipart/form-data, with
// the text of the field text checked instead when the picture cannot be (askPictureOrText).
func (s *Server) apiCheckPicture(w http.ResponseWriter, r *http.Request) {
	form, refused := s.readCheckForm(w, r)
	if refused != nil {
		writeAPIError(w, refused.status, refused.Code, refused.Message)
		return
	}
	if form.picture == nil {
		writeAPIError(w, http.StatusBadRequest, string(bot.CodeInvalid), "send the picture as the file field \"image\" of a multipart/form-data body")
		return
	}
	ans, err := s.askPictureOrText(r.Context(), bot.Request{Picture: form.picture, Text: form.values.Get("text"), Lang: form.values.Get("lang"), Surface: bot.SurfaceWeb, User: s.clientKey(r)})
	if err != nil {
		s.writeBotError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, &ans)
}

// isJSON reports whether a Content-Type header says application/json, with parameters or not.
func isJSON(contentType string) bool {
	if contentType == "application/json" {
		return true // what clients send, without parsing
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
}

// refusal is a request the API refuses: the status, and the error the client is told.
type refusal struct {
	status int
	apiErrorBody
}

var tooLarge = &refusal{http.StatusRequestEntityTooLarge, apiErrorBody{"too_large", "the body is over 16 KiB"}}

// readJSON reads the body of a POST into req: one JSON object of at most 16 KiB, shaped like
// example, which the refusal shows.
func readJSON(w http.ResponseWriter, r *http.Request, req any, example string) *refusal {
	if r.ContentLength > maxBody {
		return tooLarge
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		buffers.Put(buf)
	}()
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, maxBody)); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return tooLarge
		}
		return &refusal{http.StatusBadRequest, apiErrorBody{string(bot.CodeInvalid), "the body could not be read"}}
	}
	// Unmarshal refuses anything after the object, so a body holds one request.
	if err := json.Unmarshal(buf.Bytes(), req); err != nil {
		return &refusal{http.StatusBadRequest, apiErrorBody{string(bot.CodeInvalid), "the body must be one JSON object: " + example}}
	}
	return nil
}

// mythSummary is one myth in GET /api/v1/myths.
type mythSummary struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Claim    string   `json:"claim"`
	Verdict  string   `json:"verdict"`
	Reviewed string   `json:"reviewed"`
	Lang     string   `json:"lang"`
	Langs    []string `json:"langs"`
	URL      string   `json:"url"`
}

// mythList is the body of GET /api/v1/myths.
type mythList struct {
	Lang  string        `json:"lang"`
	Langs []string      `json:"langs"`
	Myths []mythSummary `json:"myths"`
}

// handleAPIMyths lists the catalogue in ?lang= (the default language when the base lacks it).
func (s *Server) handleAPIMyths(w http.ResponseWriter, r *http.Request) {
	c := s.bot.Catalog(r.URL.Query().Get("lang"))
	out := mythList{Lang: c.Lang, Langs: c.Langs, Myths: make([]mythSummary, 0, len(c.Myths))}
	for _, m := range c.Myths {
		out.Myths = append(out.Myths, mythSummary{
			ID: m.ID, Title: m.Title, Claim: m.Claim, Verdict: m.Verdict, Reviewed: m.Reviewed,
			Lang: m.Lang, Langs: m.Langs, URL: s.baseURL(r) + mythPath(m.ID, m.Lang),
		})
	}
	writeJSON(w, http.StatusOK, out)
}

// handleAPIMyth answers with one myth, as a bot.Answer whose outcome is "chosen". ?offer= is
// the offer of the answer the myth was chosen from (a suggestion or a topic), so the core keeps
// the question with the myth for the curator.
func (s *Server) handleAPIMyth(w http.ResponseWriter, r *http.Request) {
	ans, err := s.bot.Explain(r.Context(), r.PathValue("id"), bot.Request{
		Lang: r.URL.Query().Get("lang"), Surface: bot.SurfaceWeb, User: s.clientKey(r), Offer: offerOf(r.URL.Query().Get("offer")),
	})
	if err != nil {
		s.writeBotError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, &ans)
}

// declineRequest is the body of POST /api/v1/decline.
type declineRequest struct {
	Offer string `json:"offer"`
	Lang  string `json:"lang"`
}

// declined is the body of a successful POST /api/v1/decline.
type declined struct {
	Outcome bot.Outcome `json:"outcome"`
}

// handleAPIDecline answers POST /api/v1/decline: none of the suggestions (or topics) of the answer
// whose offer the body carries was meant. It is counted, and the question kept apart for the
// curator; an offer the core no longer knows is only counted.
func (s *Server) handleAPIDecline(w http.ResponseWriter, r *http.Request) {
	var req declineRequest
	if !postedJSON(w, r, &req, `{"offer": "...", "lang": "fr"}`) {
		return
	}
	if req.Offer == "" || len(req.Offer) > maxOffer {
		writeAPIError(w, http.StatusBadRequest, string(bot.CodeInvalid), "offer is required: the offer of the answer whose suggestions were declined")
		return
	}
	if err := s.bot.Decline(r.Context(), req.Offer, bot.Request{Lang: req.Lang, Surface: bot.SurfaceWeb, User: s.clientKey(r)}); err != nil {
		s.writeBotError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, declined{Outcome: bot.Declined})
}

func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	writeAPIError(w, http.StatusNotFound, string(bot.CodeNotFound), "no API endpoint at "+r.URL.Path)
}

// health is the body of GET /healthz.
type health struct {
	Status string   `json:"status"`
	Myths  int      `json:"myths"`
	Langs  []string `json:"langs"`
	// Store is "ok" or "unavailable: <reason>"; absent without a store. It does not change the
	// status: answering works without the store, which only keeps counts and settings.
	Store string `json:"store,omitempty"`
}

// handleHealth is ok when a fact base with at least one myth is loaded, whatever the store's
// state (reported in the body and in factline_store_up): a restart would not bring a store
// back sooner, and a probe failing on it would take the answers down with it.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	c := s.bot.Catalog(bot.DefaultLang)
	if len(c.Myths) == 0 {
		writeJSON(w, http.StatusServiceUnavailable, health{Status: "no fact base loaded", Langs: []string{}, Store: s.storeState()})
		return
	}
	writeJSON(w, http.StatusOK, health{Status: "ok", Myths: len(c.Myths), Langs: c.Langs, Store: s.storeState()})
}

// writeBotError maps a bot error code to its HTTP status.
func (s *Server) writeBotError(w http.ResponseWriter, err error) {
	code := bot.ErrorCode(err)
	status, msg := s.statusOf(err)
	if code == bot.CodeRateLimited {
		w.Header().Set("Retry-After", s.retryAfterSeconds())
	}
	writeAPIError(w, status, string(code), msg)
}

// statuses maps the bot's error codes to HTTP statuses; any other error is a 500.
var statuses = map[bot.Code]int{
	bot.CodeInvalid:     http.StatusBadRequest,
	bot.CodeNotFound:    http.StatusNotFound,
	bot.CodeRateLimited: http.StatusTooManyRequests,
	bot.CodeTooLarge:    http.StatusRequestEntityTooLarge,
	bot.CodeUnsupported: http.StatusUnsupportedMediaType,
	bot.CodeNoText:      http.StatusUnprocessableEntity,
	bot.CodeUnavailable: http.StatusServiceUnavailable,
}

// statusOf returns the HTTP status for a bot error and a message safe to show.
func (s *Server) statusOf(err error) (int, string) {
	be, ok := errors.AsType[*bot.Error](err)
	if ok {
		if status, known := statuses[be.Code]; known {
			return status, be.Message
		}
	}
	s.log.Error("answer failed", "err", err)
	return http.StatusInternalServerError, internalMessage
}

func writeAPIError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, apiError{apiErrorBody{Code: code, Message: msg}})
}

// mythPath is a myth's permalink path.
func mythPath(id, lang string) string {
	return "/myths/" + url.PathEscape(id) + "?lang=" + url.QueryEscape(lang)
}

// storeState is what Options.StoreState reports, "" without one.
func (s *Server) storeState() string {
	if s.storeStateFn == nil {
		return ""
	}
	return s.storeStateFn()
}
