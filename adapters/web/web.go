// Package web is factline's web surface: a page where volunteers paste a hostile comment (or
// upload a picture of one) and copy a sourced reply, a catalogue of myths with permalinks and ClaimReview markup, a JSON API, a
// health check and Prometheus metrics. It uses only net/http and html/template; every asset is
// embedded in the binary, and no page loads anything from elsewhere.
package web

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"factline/bot"
)

// Options configure a Server. Bot is required.
type Options struct {
	Bot bot.Core
	// Addr is the listen address, e.g. "localhost:8080" or ":8080".
	Addr string
	// PublicURL is where the site is published ("https://facts.example.org"), used in permalinks and
	// ClaimReview; "" derives it from each request.
	PublicURL string
	// TrustedProxies are IPs or CIDRs whose X-Forwarded-For names the client, for rate limits.
	TrustedProxies []string
	// MaxPicture is the largest picture accepted, in bytes, on the page and in the API; 0 means
	// DefaultMaxPicture. The core's reader has its own limit: keep them equal.
	MaxPicture int64
	// RetryAfter is what a rate-limited client is told to wait (bot.Limits.RetryAfter).
	RetryAfter time.Duration
	// StoreState, when set, reports the store's state for /healthz: "ok" or "unavailable: <reason>".
	StoreState func() string
	// Metrics receives the HTTP metrics and is served at /metrics; nil makes a fresh one.
	Metrics *Metrics
	// ShutdownGrace bounds how long requests in flight may take to finish once Run's context
	// ends; 0 means 10 s.
	ShutdownGrace time.Duration
	Logger        *slog.Logger
}

// The limits every request is held to.
const (
	maxBody         = 16 << 10
	maxHeaderBytes  = 16 << 10
	readHeaderLimit = 5 * time.Second
	readLimit       = 10 * time.Second
	// writeLimit leaves room for an LLM paraphrase (8 s by default) on top of matching.
	writeLimit = 20 * time.Second
	idleLimit  = 60 * time.Second
	// An upload (a multipart body, with a picture) may take longer than readLimit, over a slow
	// phone connection, but must keep coming: every uploadProgress bytes within uploadIdle of the
	// last, and the whole body within the time it takes at uploadMinRate (plus readLimit), so a
	// client that trickles a body (slowloris) is cut off as soon as it falls behind.
	uploadProgress = 32 << 10
	uploadIdle     = readLimit
	uploadMinRate  = 64 << 10 // bytes per second: half a megabit, a slow 3G uplink
	// shutdownLimit is the default Options.ShutdownGrace.
	shutdownLimit = 10 * time.Second
	// publisher names the organization in ClaimReview markup, as `factline export claimreview` does by default.
	publisher = "factline"
)

// Server is the web surface. Create it with New, start it with Run or Serve.
type Server struct {
	bot        bot.Core
	addr       string
	publicURL  string
	proxies    proxies
	retryAfter time.Duration
	maxPicture int64
	// storeStateFn is Options.StoreState.
	storeStateFn func() string
	metrics      *Metrics
	grace        time.Duration
	log          *slog.Logger
	pages        *pages
	handler      http.Handler
	limits       timeouts
}

// timeouts bound how long a connection may take over each part of a request: the server's
// timeouts, and an upload's (see uploadProgress). New sets them from the constants above; tests
// shorten them.
type timeouts struct {
	readHeader, read, write, idle time.Duration
	// uploadIdle is the longest wait for uploadProgress more bytes of an upload, uploadMax the
	// longest its whole body may take.
	uploadIdle, uploadMax time.Duration
}

// New returns a Server; it parses the embedded templates and the proxy list, and does no I/O.
func New(opts Options) (*Server, error) {
	if opts.Bot == nil {
		return nil, errors.New("web: Options.Bot is required")
	}
	ps, err := parseProxies(opts.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	pg, err := loadPages()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &Server{
		bot:          opts.Bot,
		addr:         opts.Addr,
		publicURL:    strings.TrimSuffix(opts.PublicURL, "/"),
		proxies:      ps,
		retryAfter:   opts.RetryAfter,
		storeStateFn: opts.StoreState,
		metrics:      opts.Metrics,
		grace:        opts.ShutdownGrace,
		log:          opts.Logger,
		pages:        pg,
	}
	if s.metrics == nil {
		s.metrics = NewMetrics()
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.grace <= 0 {
		s.grace = shutdownLimit
	}
	s.maxPicture = opts.MaxPicture
	if s.maxPicture <= 0 {
		s.maxPicture = DefaultMaxPicture
	}
	s.limits = timeouts{readHeader: readHeaderLimit, read: readLimit, write: writeLimit, idle: idleLimit,
		uploadIdle: uploadIdle, uploadMax: readLimit + time.Duration((s.maxPicture+maxBody)/uploadMinRate)*time.Second}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's routes with its security headers, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on the configured address and serves until ctx ends, then lets requests in flight
// finish (for up to Options.ShutdownGrace) and returns.
func (s *Server) Run(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.addr)
	if err != nil {
		return err // "listen tcp ADDR: ...": the caller names the component
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then shuts down cleanly; it closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.limits.readHeader,
		ReadTimeout:       s.limits.read, // but an upload's body has longer (readCheckForm)
		WriteTimeout:      s.limits.write,
		IdleTimeout:       s.limits.idle,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          log.New(redactor{s.log}, "", 0),
		// Requests keep a context that outlives ctx, so Shutdown can let them finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		_ = srv.Close() // the requests still running after the deadline are cut off
	}
	<-served // http.ErrServerClosed once Shutdown has begun
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// routes maps every path to its handler, each counted under a fixed route name and recovered
// from a panic. Every response carries dataHeaders; the pages a browser renders carry
// pageHeaders on top.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern, route string, h http.Handler) {
		mux.Handle(pattern, s.metrics.instrument(route, s.recovered(route, apiInternalError, h)))
	}
	page := func(pattern, route string, h http.HandlerFunc) {
		mux.Handle(pattern, s.metrics.instrument(route, withHeaders(pageHeaders, s.recovered(route, s.pageError, h))))
	}
	page("GET /{$}", "page", s.handlePage)
	page("POST /{$}", "page_check", s.handlePageCheck)
	page("GET /myths", "myths", s.handleMyths)
	page("GET /myths/{id}", "myth", s.handleMyth)
	page("POST /feedback", "feedback", s.handleFeedback)
	page("POST /decline", "decline", s.handleDecline)
	page("/", "not_found", s.handleNotFound)
	handle("GET /static/{file}", "static", http.HandlerFunc(s.handleStatic))

	handle("/api/v1/check", "api_check", http.HandlerFunc(s.handleAPICheck))
	handle("GET /api/v1/myths", "api_myths", http.HandlerFunc(s.handleAPIMyths))
	handle("GET /api/v1/myths/{id}", "api_myth", http.HandlerFunc(s.handleAPIMyth))
	handle("/api/v1/decline", "api_decline", http.HandlerFunc(s.handleAPIDecline))
	handle("/api/", "api_not_found", http.HandlerFunc(s.handleAPINotFound))

	handle("GET /healthz", "healthz", http.HandlerFunc(s.handleHealth))
	handle("GET /metrics", "metrics", s.metrics.handler())
	return withHeaders(dataHeaders, mux)
}

// dataHeaders go with every response. What is not a page (JSON, metrics, scripts, styles) needs
// no more: a browser that opens it as a document may load nothing, run nothing and be framed
// by nobody. They are short on purpose, so that an answer and its headers fit in one write.
var dataHeaders = http.Header{
	"Content-Security-Policy": {"default-src 'none'; frame-ancestors 'none'"},
	"X-Content-Type-Options":  {"nosniff"},
	"Referrer-Policy":         {"no-referrer"},
}

// pageHeaders go with the HTML pages. Their CSP allows scripts, styles and requests only from
// this site. The ClaimReview <script type="application/ld+json"> is a data block: browsers never
// execute it, so CSP does not apply to it and no 'unsafe-inline' is needed. X-Frame-Options
// covers browsers older than frame-ancestors.
var pageHeaders = http.Header{
	"Content-Security-Policy": {"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
		"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
	"X-Frame-Options":            {"DENY"},
	"Cross-Origin-Opener-Policy": {"same-origin"},
}

// withHeaders sets headers on every response of h, replacing values set before. The keys are in
// canonical form, and the value slices are shared read-only: http.Header.Add appends to a full
// slice, which copies it.
func withHeaders(headers http.Header, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		for k, v := range headers {
			hd[k] = v
		}
		h.ServeHTTP(w, r)
	})
}

// clientKey is the opaque rate-limit key of the client; the bot hashes it and never stores it.
func (s *Server) clientKey(r *http.Request) string { return "web:" + s.proxies.clientIP(r) }

// baseURL is the site's public address: configured, or as the request reached us.
func (s *Server) baseURL(r *http.Request) string {
	if s.publicURL != "" {
		return s.publicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// retryAfterSeconds is the Retry-After header value: whole seconds, at least one.
func (s *Server) retryAfterSeconds() string {
	secs := int((s.retryAfter + time.Second - 1) / time.Second)
	return fmt.Sprint(max(secs, 1))
}

// clientAddr matches the IPv4 and IPv6 addresses net/http puts in its own error messages
// ("http: panic serving 192.0.2.1:4321: ...").
var clientAddr = regexp.MustCompile(`\[[0-9A-Fa-f:.%a-z]+\](:\d+)?|\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b|\b[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}\b`)

// redactor passes net/http's error messages to the component's logger without the client's
// address: the people asking may be migrants without status, and their addresses are not logged.
type redactor struct{ log *slog.Logger }

func (r redactor) Write(p []byte) (int, error) {
	r.log.Warn(clientAddr.ReplaceAllString(strings.TrimSpace(string(p)), "[client]"))
	return len(p), nil
}
