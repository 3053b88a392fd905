package web

import (
	"net/http"
	"strings"

	"factline/bot"
)

// fragmentHeader is sent by app.js when it wants only the part of the page that changes.
const fragmentHeader = "X-Factline-Fragment"

// home returns the home page's view: the page in language ui (else the browser's), answers in
// lang ("" = the text's own). The two differ when a volunteer replies to a thread in another language.
func (s *Server) home(r *http.Request, ui, lang, text string) view {
	l := uiFor(r, ui)
	return view{L: l, Title: l.Title, Assets: s.pages.assets, Langs: langOptions(s.bot.LanguageWords(), lang, nil), Text: text}
}

// handlePage serves the empty form.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if !s.bot.HasLang(lang) {
		lang = ""
	}
	s.render(w, http.StatusOK, "home", "", s.home(r, r.URL.Query().Get("lang"), lang, ""))
}

// handlePageCheck answers the form: a pasted text, or a myth picked from the alternatives. Without
// JavaScript the whole page comes back with the answer; app.js asks for the result part alone. The
// answer is rendered directly rather than redirected to a GET, so the pasted text never ends up in
// a URL, a browser history or a proxy log.
func (s *Server) handlePageCheck(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	fragment := r.Header.Get(fragmentHeader) != ""
	form, refused := s.readCheckForm(w, r)
	if refused != nil {
		l := uiFor(r, "")
		msg := "the form could not be read"
		switch {
		case refused == tooLarge:
			msg = "the text is too long: paste at most 16 KiB"
		case refused.status == http.StatusRequestEntityTooLarge:
			msg = s.pictureMessage(l, bot.CodeTooLarge)
		}
		v := s.home(r, "", "", "")
		v.Result = &result{L: v.L, Error: msg}
		s.renderHome(w, refused.status, fragment, v)
		return
	}
	text, lang, mythID := form.values.Get("text"), strings.TrimSpace(form.values.Get("lang")), form.values.Get("myth")
	if !s.bot.HasLang(lang) {
		lang = ""
	}
	v := s.home(r, form.values.Get("ui"), lang, text)
	req := bot.Request{Text: text, Lang: lang, Surface: bot.SurfaceWeb, User: s.clientKey(r)}
	if mythID == "" && form.picture != nil {
		req.Picture = form.picture
	}
	var (
		ans bot.Answer
		err error
	)
	if mythID != "" {
		req.Offer = offerOf(form.values.Get("offer"))
		ans, err = s.bot.Explain(r.Context(), mythID, req)
	} else {
		ans, err = s.askPictureOrText(r.Context(), req)
	}
	status := http.StatusOK
	if err != nil {
		var msg string
		status, msg = s.statusOf(err)
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", s.retryAfterSeconds())
		}
		if m := s.pictureMessage(v.L, bot.ErrorCode(err)); m != "" {
			msg = m
		}
		v.Result = &result{L: v.L, Error: msg}
	} else {
		if read := readText(ans); read != "" {
			// The choices after a picture carry the text read, as they would a typed question.
			text = read
		}
		v.Result = newResult(v.L, ans, text, s.bot.LanguageWords(), false)
		v.Result.Read = readText(ans)
	}
	s.renderHome(w, status, fragment, v)
}

func (s *Server) renderHome(w http.ResponseWriter, status int, fragment bool, v view) {
	if fragment {
		s.render(w, status, "home", "result", v.Result)
		return
	}
	s.render(w, status, "home", "", v)
}

// handleMyths lists the catalogue.
func (s *Server) handleMyths(w http.ResponseWriter, r *http.Request) {
	c := s.bot.Catalog(s.pageLang(r))
	l := uiFor(r, c.Lang)
	v := view{L: l, Title: l.Catalogue + " · factline", Assets: s.pages.assets,
		Langs:     langOptions(s.bot.LanguageWords(), c.Lang, func(code string) string { return "/myths?lang=" + code }),
		Canonical: s.baseURL(r) + "/myths?lang=" + c.Lang}
	for _, m := range c.Myths {
		v.Myths = append(v.Myths, mythRow{Title: m.Title, Claim: m.Claim, Verdict: m.VerdictLabel,
			VerdictKey: m.Verdict, Href: mythPath(m.ID, m.Lang), Lang: m.Lang})
	}
	s.render(w, http.StatusOK, "myths", "", v)
}

// handleMyth is a myth's permalink: its answer in one language, the variants to copy, and its
// ClaimReview markup. Pages are not rate-limited: they are the published fact base, cheap to serve.
func (s *Server) handleMyth(w http.ResponseWriter, r *http.Request) {
	lang := s.pageLang(r)
	id := r.PathValue("id")
	ans, err := s.bot.Explain(r.Context(), id, bot.Request{Lang: lang, Surface: bot.SurfaceWeb})
	if err != nil {
		if bot.ErrorCode(err) == bot.CodeNotFound {
			s.handleNotFound(w, r)
			return
		}
		status, msg := s.statusOf(err)
		s.message(w, uiFor(r, lang), status, uiFor(r, lang).Problem, msg)
		return
	}
	cr, err := s.bot.ClaimReview(id, ans.Body.Lang, s.baseURL(r), publisher)
	if err != nil { // the fact base was swapped for one without the myth since Explain
		s.handleNotFound(w, r)
		return
	}
	l := uiFor(r, lang)
	v := view{L: l, Title: ans.Match.Claim + " · factline", Assets: s.pages.assets,
		Result: newResult(l, ans, "", s.bot.LanguageWords(), true), Canonical: cr.URL, ClaimReview: &cr}
	s.render(w, http.StatusOK, "myth", "", v)
}

// pageLang is the language a catalogue page is shown in: ?lang=, else the browser's if the base has it.
func (s *Server) pageLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		return s.bot.CatalogLang(l)
	}
	return s.bot.CatalogLang(uiFor(r, "").Lang)
}

// handleFeedback records a helpful / not helpful vote; it carries no identity. The bot checks the
// myth and the language and rate-limits votes per client address, as it does questions.
func (s *Server) handleFeedback(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		l := uiFor(r, "")
		s.message(w, l, http.StatusBadRequest, l.Problem, "the form could not be read")
		return
	}
	lang := r.PostForm.Get("lang")
	l := uiFor(r, r.PostForm.Get("ui"))
	helpful := r.PostForm.Get("helpful")
	if helpful != "yes" && helpful != "no" {
		s.message(w, l, http.StatusBadRequest, l.Problem, "say whether the answer was helpful: yes or no")
		return
	}
	err := s.bot.Feedback(r.Context(), bot.Feedback{MythID: r.PostForm.Get("myth"), Helpful: helpful == "yes",
		Surface: bot.SurfaceWeb, Lang: lang, User: s.clientKey(r)})
	if err != nil {
		s.refusal(w, l, err)
		return
	}
	if r.Header.Get(fragmentHeader) != "" {
		s.render(w, http.StatusOK, "home", "thanks", l)
		return
	}
	s.message(w, l, http.StatusOK, l.Thanks, "")
}

// refusal renders a page saying why the core refused a form, telling a rate-limited client
// when to come back.
func (s *Server) refusal(w http.ResponseWriter, l *labels, err error) {
	status, msg := s.statusOf(err)
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", s.retryAfterSeconds())
	}
	s.message(w, l, status, l.Problem, msg)
}

// handleDecline records that none of the suggestions offered for a question was meant ("None
// of these"), and thanks the asker. The form carries the core's offer, never the question.
func (s *Server) handleDecline(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		l := uiFor(r, "")
		s.message(w, l, http.StatusBadRequest, l.Problem, "the form could not be read")
		return
	}
	l := uiFor(r, r.PostForm.Get("ui"))
	lang := strings.TrimSpace(r.PostForm.Get("lang"))
	if !s.bot.HasLang(lang) {
		lang = ""
	}
	err := s.bot.Decline(r.Context(), offerOf(r.PostForm.Get("offer")), bot.Request{Lang: lang, Surface: bot.SurfaceWeb, User: s.clientKey(r)})
	if err != nil {
		s.refusal(w, l, err)
		return
	}
	if r.Header.Get(fragmentHeader) != "" {
		s.render(w, http.StatusOK, "home", "declined", l)
		return
	}
	s.message(w, l, http.StatusOK, l.Thanks, l.DeclineThanks)
}

// maxOffer bounds an offer token read from a client; the core's are far shorter.
const maxOffer = 64

// offerOf is an offer token as a client sent it, or "" when it cannot be one the core made.
func offerOf(s string) string {
	if len(s) > maxOffer {
		return ""
	}
	return s
}

// handleStatic serves an embedded asset; a URL carrying the current hash may be cached for good.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.pages.static[r.PathValue("file")]
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	if r.URL.Query().Get("v") == f.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+f.hash+`"`)
	if r.Header.Get("If-None-Match") == `"`+f.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	_, _ = w.Write(f.data) // a client that left cannot be told
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	l := uiFor(r, r.URL.Query().Get("lang"))
	s.message(w, l, http.StatusNotFound, l.NotFound, l.NotFoundText)
}

// message renders a page with a heading and a sentence.
func (s *Server) message(w http.ResponseWriter, l *labels, status int, heading, msg string) {
	s.render(w, status, "message", "", view{L: l, Title: heading + " · factline", Assets: s.pages.assets, Heading: heading, Message: msg})
}
