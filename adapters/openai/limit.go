package openai

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// MaxReplyBytes caps the body of any reply read from the server. A short and a full answer
// (700 tokens by default) take a few kilobytes, an embeddings batch a few hundred; a server that
// sends more is broken or hostile, and reading it whole once took the process to 350 MB.
const MaxReplyBytes = 1 << 20

// errTooLarge is returned by a reply body that goes past MaxReplyBytes.
var errTooLarge = fmt.Errorf("the reply is over %d bytes", MaxReplyBytes)

// limitedClient returns a copy of c (http.DefaultClient's settings when nil) whose responses
// stop with errTooLarge after max bytes.
func limitedClient(c *http.Client, max int64) *http.Client {
	out := &http.Client{}
	if c != nil {
		*out = *c
	}
	base := out.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	out.Transport = limitTransport{base: base, max: max}
	return out
}

// limitTransport wraps each response body in a limitedBody.
type limitTransport struct {
	base http.RoundTripper
	max  int64
}

func (t limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.max {
		resp.Body.Close()
		return nil, errTooLarge
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.max}
	return resp, nil
}

// limitedBody reads at most left bytes and fails after them, rather than truncating: a cut JSON
// reply must not be mistaken for a short one.
type limitedBody struct {
	rc   io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1] // one byte more than allowed tells a body of exactly max from a longer one
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n + int(b.left), errTooLarge
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// isTooLarge reports whether err comes from a reply over the cap.
func isTooLarge(err error) bool { return errors.Is(err, errTooLarge) }
