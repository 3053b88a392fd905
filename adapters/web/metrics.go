package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"factline/bot"
)

// Metrics counts what operators watch: HTTP traffic, answer outcomes, reloads, LLM fallbacks and
// store errors. It has its own registry rather than the global one, so tests and several servers
// in one process never collide. It implements bot.Observer; give it to bot.Options.Observer.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	answers   *prometheus.CounterVec
	answerDur *prometheus.HistogramVec
	reloads   *prometheus.CounterVec
	fallbacks *prometheus.CounterVec
	storeErrs *prometheus.CounterVec
	storeUp   prometheus.Gauge
	storeOnce sync.Once // registers storeUp: the series exists only where a store is configured
}

var _ bot.Observer = (*Metrics)(nil)

// NewMetrics returns Metrics registered in a fresh registry, with the Go runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "factline_http_requests_total", Help: "HTTP requests served, by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "factline_http_request_duration_seconds", Help: "Time to serve an HTTP request, by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "factline_answers_total", Help: "Requests answered, by surface and outcome (matched, ambiguous, abstained, chosen).",
		}, []string{"surface", "outcome"}),
		answerDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "factline_answer_duration_seconds", Help: "Time the bot took to answer, by surface.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"surface"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "factline_fact_base_reloads_total", Help: "Fact base reload attempts, by result (ok, refused).",
		}, []string{"result"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "factline_llm_fallbacks_total", Help: "Paraphrases refused in favour of the curated text, by reason.",
		}, []string{"reason"}),
		storeErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "factline_store_errors_total", Help: "Store operations that failed, by operation.",
		}, []string{"op"}),
		storeUp: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "factline_store_up", Help: "1 when the store is open, 0 while it is unavailable (answers are then counted in memory).",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.answers, m.answerDur, m.reloads, m.fallbacks, m.storeErrs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Both reload results exist from the start, so an alert on "refused" has a series to read.
	m.reloads.WithLabelValues("ok")
	m.reloads.WithLabelValues("refused")
	return m
}

// ObserveAnswer counts one answer and its latency.
func (m *Metrics) ObserveAnswer(surface bot.Surface, outcome bot.Outcome, elapsed time.Duration) {
	m.answers.WithLabelValues(string(surface), string(outcome)).Inc()
	m.answerDur.WithLabelValues(string(surface)).Observe(elapsed.Seconds())
}

// ObserveReload counts a fact base reload attempt.
func (m *Metrics) ObserveReload(ok bool) {
	result := "refused"
	if ok {
		result = "ok"
	}
	m.reloads.WithLabelValues(result).Inc()
}

// ObserveFallback counts a refused paraphrase.
func (m *Metrics) ObserveFallback(reason string) { m.fallbacks.WithLabelValues(reason).Inc() }

// SetStoreUp reports whether the store is open, as factline_store_up; the series appears with
// the first call, so an install without a store has none.
func (m *Metrics) SetStoreUp(up bool) {
	m.storeOnce.Do(func() { m.reg.MustRegister(m.storeUp) })
	if up {
		m.storeUp.Set(1)
	} else {
		m.storeUp.Set(0)
	}
}

// ObserveStoreError counts a failed store operation.
func (m *Metrics) ObserveStoreError(op string) { m.storeErrs.WithLabelValues(op).Inc() }

// handler serves the registry in the Prometheus exposition format.
func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// instrument counts and times the requests h serves under a fixed route name, so the label set
// stays small whatever paths clients send.
func (m *Metrics) instrument(route string, h http.Handler) http.Handler {
	lat := m.latency.WithLabelValues(route)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		lat.Observe(time.Since(start).Seconds())
		m.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
	})
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
