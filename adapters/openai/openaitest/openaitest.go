// Package openaitest is a fake OpenAI-compatible server for tests: it speaks the chat
// completions and embeddings wire format, including the error bodies, and records what it received.
package openaitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

// Response is what the fake answers to one request.
type Response struct {
	// Status is the HTTP status; 0 means 200. Any other status gets an OpenAI error body.
	Status int
	// Content is the assistant's message (chat completions).
	Content string
	// FinishReason is the chat choice's finish reason; "" means "stop".
	FinishReason string
	// Vectors are the embeddings, one per input.
	Vectors [][]float32
	// Hang makes the fake wait until the client gives up.
	Hang bool
}

// ChatRequest is the part of a chat completion request tests look at.
type ChatRequest struct {
	Model       string   `json:"model"`
	Temperature *float64 `json:"temperature"`
	MaxTokens   int      `json:"max_tokens"`
	Messages    []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	ResponseFormat *struct {
		Type string `json:"type"`
	} `json:"response_format"`
}

// Server is a running fake. Set Chat and Embed before the first request.
type Server struct {
	*httptest.Server
	// Chat answers POST /chat/completions.
	Chat func(ChatRequest) Response
	// Embed answers POST /embeddings with the inputs sent.
	Embed func(inputs []string) Response

	mu       sync.Mutex
	received map[string][][]byte
}

// New starts a fake; its API root is URL() and Close stops it.
func New() *Server {
	s := &Server{received: map[string][][]byte{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the base URL to configure, like OPENAI_BASE_URL: http://127.0.0.1:port/v1.
func (s *Server) URL() string { return s.Server.URL + "/v1" }

// Received returns the bodies of the requests received on path ("/v1/chat/completions"), in order.
func (s *Server) Received(path string) [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.received[path]...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.received[r.URL.Path] = append(s.received[r.URL.Path], body)
	s.mu.Unlock()
	var resp Response
	switch r.URL.Path {
	case "/v1/chat/completions":
		var req ChatRequest
		if err := json.Unmarshal(body, &req); err != nil || s.Chat == nil {
			writeError(w, http.StatusBadRequest, "invalid request")
			return
		}
		resp = s.Chat(req)
	case "/v1/embeddings":
		var req struct {
			Input []string `json:"input"`
		}
		if err := json.Unmarshal(body, &req); err != nil || s.Embed == nil {
			writeError(w, http.StatusBadRequest, "invalid request")
			return
		}
		resp = s.Embed(req.Input)
	default:
		writeError(w, http.StatusNotFound, "unknown url "+r.URL.Path)
		return
	}
	if resp.Hang {
		<-r.Context().Done()
		return
	}
	if resp.Status != 0 && resp.Status != http.StatusOK {
		writeError(w, resp.Status, http.StatusText(resp.Status))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path == "/v1/embeddings" {
		data := make([]map[string]any, len(resp.Vectors))
		for i, v := range resp.Vectors {
			data[i] = map[string]any{"object": "embedding", "index": i, "embedding": v}
		}
		json.NewEncoder(w).Encode(map[string]any{
			"object": "list", "data": data, "model": "fake-embed",
			"usage": map[string]int{"prompt_tokens": 1, "total_tokens": 1},
		})
		return
	}
	finish := resp.FinishReason
	if finish == "" {
		finish = "stop"
	}
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-fake", "object": "chat.completion", "created": 1764201600, "model": "fake-chat",
		"choices": []map[string]any{{
			"index": 0, "message": map[string]any{"role": "assistant", "content": resp.Content}, "finish_reason": finish,
		}},
		"usage": map[string]int{"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
	})
}

// writeError writes the OpenAI API's error body for status.
func writeError(w http.ResponseWriter, status int, message string) {
	typ, code := "invalid_request_error", any(nil)
	switch {
	case status == http.StatusTooManyRequests:
		typ, code = "requests", "rate_limit_exceeded"
		w.Header().Set("Retry-After", "20")
	case status == http.StatusUnauthorized:
		code = "invalid_api_key"
	case status >= 500:
		typ = "server_error"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, "%s\n", mustJSON(map[string]any{"error": map[string]any{"message": message, "type": typ, "param": nil, "code": code}}))
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of strings and nils are encoded
	}
	return b
}
