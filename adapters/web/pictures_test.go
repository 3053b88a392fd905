package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"factline/adapters/internal/picturetest"
	"factline/bot"
)

// pensionMeme is the claim of the memes sent in these tests; refugee-pension-hoax answers it.
const pensionMeme = "Refugees get more money every month than our seniors who worked 40 years. Share if you agree"

// multipartBody is a multipart/form-data body with a picture in field (unless picture is nil)
// and the other fields given as name, value pairs.
func multipartBody(t testing.TB, field string, picture []byte, fields ...string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := mw.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if picture != nil {
		fw, err := mw.CreateFormFile(field, "meme.png")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(picture)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.String()
}

// fixedReader is a picture reader for the refusal paths: it returns text, or err, for any picture.
type fixedReader struct {
	text string
	err  error
}

func (r fixedReader) ReadPicture(context.Context, []byte) (string, error) { return r.text, r.err }

// TestAPICheckPicture sends a meme to POST /api/v1/check as multipart/form-data and gets the
// sourced answer, with the text read, through the real reader.
func TestAPICheckPicture(t *testing.T) {
	f := newFixture(t, fixtureOptions{pictures: picturetest.Reader(t)})
	ct, body := multipartBody(t, "image", picturetest.Meme(t, pensionMeme))
	w := f.do(http.MethodPost, "/api/v1/check", ct, body, "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var ans bot.Answer
	if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	if ans.Match == nil || ans.Match.ID != "refugee-pension-hoax" || len(ans.Sources) == 0 {
		t.Errorf("answer %+v, want refugee-pension-hoax with its sources", ans.Match)
	}
	if ans.Input == nil || ans.Input.Kind != "image" || !strings.Contains(strings.ToUpper(ans.Input.Text), "SENIORS") {
		t.Errorf("input = %+v, want the text read in the picture", ans.Input)
	}
}

// TestAPICheckPictureRefusals: every refusal of a picture stays JSON, with its status.
func TestAPICheckPictureRefusals(t *testing.T) {
	small := bytes.Repeat([]byte{7}, 100)
	tests := []struct {
		name    string
		reader  bot.PictureReader // nil: pictures off
		field   string
		picture []byte
		status  int
		code    string
	}{
		{"over the limit", fixedReader{text: pensionMeme}, "image", bytes.Repeat([]byte{1}, 1<<20+1), http.StatusRequestEntityTooLarge, "too_large"},
		{"too large for the reader", fixedReader{err: &bot.Error{Code: bot.CodeTooLarge, Message: "too many pixels"}}, "image", small, http.StatusRequestEntityTooLarge, "too_large"},
		{"not a picture", fixedReader{err: &bot.Error{Code: bot.CodeUnsupported, Message: "not a picture"}}, "image", small, http.StatusUnsupportedMediaType, "unsupported"},
		{"no text", fixedReader{text: "a b"}, "image", small, http.StatusUnprocessableEntity, "no_text"},
		{"pictures off", nil, "image", small, http.StatusServiceUnavailable, "unavailable"},
		{"no field image", fixedReader{text: pensionMeme}, "picture", small, http.StatusBadRequest, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{pictures: tt.reader, maxPicture: 1 << 20})
			ct, body := multipartBody(t, tt.field, tt.picture, "lang", "en")
			w := f.do(http.MethodPost, "/api/v1/check", ct, body, "")
			var e apiError
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || w.Code != tt.status || e.Error.Code != tt.code {
				t.Errorf("status %d, body %s; want %d with code %s", w.Code, w.Body, tt.status, tt.code)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q, want JSON", ct)
			}
		})
	}
}

// TestAPICheckPictureBodyBound: a body over the limit is cut off by http.MaxBytesReader even
// when the client does not say how long it is, and even when no part of it is over a limit
// (here, tens of thousands of empty fields, whose headers alone are megabytes).
func TestAPICheckPictureBodyBound(t *testing.T) {
	f := newFixture(t, fixtureOptions{pictures: fixedReader{text: pensionMeme}, maxPicture: 1 << 20})
	fields := make([]string, 0, 2*50000)
	for range 50000 {
		fields = append(fields, "lang", "")
	}
	ct, body := multipartBody(t, "image", nil, fields...)
	r := httptest.NewRequest(http.MethodPost, "/api/v1/check", io.MultiReader(strings.NewReader(body)))
	r.Header.Set("Content-Type", ct)
	r.ContentLength = -1 // chunked: no length to refuse early
	w := httptest.NewRecorder()
	f.srv.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), `"too_large"`) {
		t.Errorf("status %d, body %s; want 413 too_large", w.Code, w.Body)
	}
}

// TestPagePicture posts the page's form with a picture, as a browser without JavaScript does:
// the answer shows the text read, scrubbed (its link is not on the page, let alone as a link),
// and a refusal
// is in the page's language.
func TestPagePicture(t *testing.T) {
	read := pensionMeme + " see refugee-bonus.example.com/pension"
	f := newFixture(t, fixtureOptions{pictures: fixedReader{text: read}})
	ct, body := multipartBody(t, "image", []byte("picture"), "text", "", "lang", "", "ui", "en")
	w := f.do(http.MethodPost, "/", ct, body, "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	page := w.Body.String()
	if !strings.Contains(page, `class="answer"`) || !strings.Contains(page, "Read in the picture:") {
		t.Errorf("the page shows no answer with the text read")
	}
	if !strings.Contains(page, "Share if you agree") || strings.Contains(page, "refugee-bonus") {
		t.Errorf("the text read is missing, or its link is on the page")
	}

	f = newFixture(t, fixtureOptions{pictures: fixedReader{text: "ok"}})
	ct, body = multipartBody(t, "image", []byte("picture"), "ui", "fr")
	w = f.do(http.MethodPost, "/", ct, body, "")
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Aucun texte à vérifier") {
		t.Errorf("status %d, want 422 with the French refusal", w.Code)
	}
}

// TestPictureAndText: a form (or an API request) with both a picture and typed text follows
// Telegram's caption rule: the picture is read and answered; when it cannot be (no text to
// check in it, another format, pictures off), the typed text is checked instead, rather than
// the picture's refusal. Without typed text the refusal stands.
func TestPictureAndText(t *testing.T) {
	const typed = "immigrants take our jobs"
	noText := fixedReader{text: "ok"}
	tests := []struct {
		name   string
		reader bot.PictureReader
		text   string
		myth   string // the answer's myth; "" for the refusal
		kind   string // the answer's input kind
		status int
		code   string // the API's error code, for a refusal
	}{
		{"a meme: the picture is read", fixedReader{text: pensionMeme}, typed, "refugee-pension-hoax", "image", http.StatusOK, ""},
		{"no text in the picture: the typed text", noText, typed, "jobs", "text", http.StatusOK, ""},
		{"not a picture: the typed text", fixedReader{err: &bot.Error{Code: bot.CodeUnsupported, Message: "not a picture"}}, typed, "jobs", "text", http.StatusOK, ""},
		{"pictures off: the typed text", nil, typed, "jobs", "text", http.StatusOK, ""},
		{"no text in the picture, none typed", noText, "  ", "", "", http.StatusUnprocessableEntity, "no_text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{pictures: tt.reader})
			ct, body := multipartBody(t, "image", []byte("picture"), "text", tt.text, "lang", "en")
			w := f.do(http.MethodPost, "/api/v1/check", ct, body, "")
			if w.Code != tt.status {
				t.Fatalf("API: status %d, body %s; want %d", w.Code, w.Body, tt.status)
			}
			if tt.myth == "" {
				var e apiError
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code != tt.code {
					t.Errorf("API: body %s, want the error %s", w.Body, tt.code)
				}
			} else {
				var ans bot.Answer
				if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
					t.Fatal(err)
				}
				if ans.Match == nil || ans.Match.ID != tt.myth || ans.Input == nil || ans.Input.Kind != tt.kind {
					t.Errorf("API: answered %+v from %+v, want %s from %s input", ans.Match, ans.Input, tt.myth, tt.kind)
				}
			}

			ct, body = multipartBody(t, "image", []byte("picture"), "text", tt.text, "lang", "", "ui", "en")
			w = f.do(http.MethodPost, "/", ct, body, "")
			page := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("page: status %d, want %d", w.Code, tt.status)
			}
			if tt.myth != "" && !strings.Contains(page, `href="/myths/`+tt.myth) {
				t.Errorf("page: no answer from the %s myth", tt.myth)
			}
			if read := strings.Contains(page, "Read in the picture:"); read != (tt.kind == "image") {
				t.Errorf("page shows the text read: %v, want %v", read, tt.kind == "image")
			}
		})
	}
}

// TestPageSaysWhichIsRead: the form says, next to its fields and in each language, what is
// checked when both a picture and text are given.
func TestPageSaysWhichIsRead(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	for lang, want := range map[string]string{
		"en": "With both, the picture is read",
		"fr": "Avec les deux, l'image est lue",
		"es": "Con ambos, se lee la imagen",
	} {
		w := f.do(http.MethodGet, "/?lang="+lang, "", "", "")
		page := html.UnescapeString(w.Body.String())
		if !strings.Contains(page, want) || !strings.Contains(page, `aria-describedby="image-hint both-hint"`) {
			t.Errorf("%s: the form does not say which is read when both are given (%q)", lang, want)
		}
	}
}
