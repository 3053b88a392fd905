package factcheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"factline/bot/reviews"
)

// The errors a lookup returns, for callers and tests to tell apart. Their text never holds the
// question or the key.
var (
	// ErrRateLimited: the API answered 429; lookups pause for its Retry-After time.
	ErrRateLimited = errors.New("the fact check API is rate limiting us (429)")
	// ErrRefused: the API refused the key or the request (400, 401, 403); lookups pause for
	// KeyPause.
	ErrRefused = errors.New("the fact check API refused the request")
	// ErrTimeout: the API did not answer within the Timeout.
	ErrTimeout = errors.New("the fact check API did not answer in time")
)

// searchResponse is the reply of claims:search.
type searchResponse struct {
	Claims []claim `json:"claims"`
}

type claim struct {
	Text        string   `json:"text"`
	Claimant    string   `json:"claimant"`
	ClaimDate   string   `json:"claimDate"`
	ClaimReview []review `json:"claimReview"`
}

type review struct {
	Publisher struct {
		Name string `json:"name"`
		Site string `json:"site"`
	} `json:"publisher"`
	URL           string `json:"url"`
	Title         string `json:"title"`
	ReviewDate    string `json:"reviewDate"`
	TextualRating string `json:"textualRating"`
	LanguageCode  string `json:"languageCode"`
}

// googleError is the error body of Google's APIs.
type googleError struct {
	Error struct {
		Code    int    `json:"code"`
		Status  string `json:"status"`
		Details []struct {
			Reason string `json:"reason"`
		} `json:"details"`
	} `json:"error"`
}

// search asks the API for the claims matching text and returns their reviews, in the API's order.
func (c *Client) search(ctx context.Context, text, lang string) ([]reviews.Review, error) {
	ctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	q := url.Values{"query": {text}, "pageSize": {strconv.Itoa(c.o.PageSize)}, "key": {c.o.APIKey}}
	if lang != "" {
		q.Set("languageCode", lang)
	}
	u := c.o.Endpoint
	if strings.Contains(u, "?") {
		u += "&" + q.Encode()
	} else {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, errors.New("fact check lookup: cannot build the request") // the URL holds the key
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes+1))
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	if len(body) > maxReplyBytes {
		return nil, fmt.Errorf("fact check lookup: the reply is over %d bytes", maxReplyBytes)
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		wait := retryAfter(resp.Header.Get("Retry-After"), c.o.Now())
		c.pause(wait)
		return nil, fmt.Errorf("fact check lookup: %w; pausing for %s", ErrRateLimited, wait)
	case resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		c.pause(c.o.KeyPause)
		return nil, fmt.Errorf("fact check lookup: %w: %s; pausing for %s (check FACTLINE_FACTCHECK_API_KEY and that the API is enabled for it)", ErrRefused, describe(resp.StatusCode, body), c.o.KeyPause)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("fact check lookup: %s", describe(resp.StatusCode, body))
	}
	var sr searchResponse
	if err := json.Unmarshal(body, &sr); err != nil {
		return nil, fmt.Errorf("fact check lookup: the reply is not the API's JSON: %w", err)
	}
	return c.candidates(sr), nil
}

// transportError says why a call failed, without the URL (which holds the question and the key)
// that net/http puts in its errors.
func (c *Client) transportError(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		return fmt.Errorf("fact check lookup: %w (%s)", ErrTimeout, c.o.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("fact check lookup: %w", err)
}

// describe is an error reply as logged: the HTTP status and Google's status and reason codes
// ("400 INVALID_ARGUMENT API_KEY_INVALID"), never its free-text message, which may quote the
// request.
func describe(code int, body []byte) string {
	out := strconv.Itoa(code)
	var ge googleError
	if json.Unmarshal(body, &ge) == nil {
		if s := ge.Error.Status; s != "" && isCode(s) {
			out += " " + s
		}
		for _, d := range ge.Error.Details {
			if d.Reason != "" && isCode(d.Reason) {
				out += " " + d.Reason
			}
		}
	}
	return out
}

// isCode reports whether s looks like one of Google's codes (UPPER_SNAKE_CASE), so that nothing
// else from a reply reaches the logs.
func isCode(s string) bool {
	if len(s) > 64 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && r != '_' && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// retryAfter reads a Retry-After header (seconds or an HTTP date), DefaultRetryAfter when it has
// none, capped at a day so a broken header cannot stop lookups for good.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	d := DefaultRetryAfter
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, time.Second), 24*time.Hour)
}

// candidates flattens the claims found into one review each, in the API's order, keeping only those
// an answer can show: a claim, a rating and a web link. The rating is mapped by the collection's
// table (reviews.Verdict).
func (c *Client) candidates(sr searchResponse) []reviews.Review {
	var out []reviews.Review
	for _, cl := range sr.Claims {
		text := strings.TrimSpace(cl.Text)
		claimDate, _ := reviews.ParseDate(cl.ClaimDate)
		for _, rv := range cl.ClaimReview {
			rating := strings.TrimSpace(rv.TextualRating)
			if text == "" || rating == "" || !webURL(rv.URL) {
				continue
			}
			site := reviews.Site(rv.Publisher.Site)
			if site == "" {
				site = reviews.Site(rv.URL)
			}
			publisher := strings.TrimSpace(rv.Publisher.Name)
			if publisher == "" {
				publisher = site
			}
			reviewDate, _ := reviews.ParseDate(rv.ReviewDate)
			out = append(out, reviews.Review{
				Claim:      text,
				Claimant:   strings.TrimSpace(cl.Claimant),
				ClaimDate:  claimDate,
				Title:      strings.TrimSpace(rv.Title),
				Publisher:  publisher,
				Site:       site,
				URL:        rv.URL,
				ReviewDate: reviewDate,
				Rating:     rating,
				Verdict:    reviews.Verdict(rating),
				Lang:       reviews.Lang(rv.LanguageCode),
			})
		}
	}
	return out
}

// webURL reports whether s is an http or https address, the only links an answer shows.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
