package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"factline/bot"
)

// DefaultMaxPicture is the default Options.MaxPicture: the reader's own default limit, 10 MB.
const DefaultMaxPicture = 10 << 20

// pictureField is the form field a picture is sent in, on the page and in the API.
const pictureField = "image"

// checkForm is a check sent as a form: its fields, and the picture of a multipart form (nil
// when none was chosen).
type checkForm struct {
	values  url.Values
	picture []byte
}

// isMultipart reports whether a Content-Type header says multipart/form-data.
func isMultipart(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "multipart/form-data"
}

// readCheckForm reads a POSTed form, URL-encoded or multipart/form-data. A multipart form may
// carry a picture in the field image, read into memory only (never to a temporary file, as
// ParseMultipartForm would for a large one: the picture is not stored), up to s.maxPicture; its
// other fields share the 16 KiB of a plain form. The body is bounded with http.MaxBytesReader
// too, so a client that lies about its length is cut off.
func (s *Server) readCheckForm(w http.ResponseWriter, r *http.Request) (checkForm, *refusal) {
	if !isMultipart(r.Header.Get("Content-Type")) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if err := r.ParseForm(); err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				return checkForm{}, tooLarge
			}
			return checkForm{}, &refusal{http.StatusBadRequest, apiErrorBody{string(bot.CodeInvalid), "the form could not be read"}}
		}
		return checkForm{values: r.PostForm}, nil
	}
	limit := s.maxPicture + maxBody
	if r.ContentLength > limit {
		return checkForm{}, s.pictureTooLarge()
	}
	upload := s.uploadBody(w, r)
	r.Body = http.MaxBytesReader(w, upload, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		return checkForm{}, &refusal{http.StatusBadRequest, apiErrorBody{string(bot.CodeInvalid), "the multipart form could not be read"}}
	}
	f := checkForm{values: url.Values{}}
	fields := int64(0) // bytes of the fields other than the picture
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			if u, ok := upload.(*uploadReader); ok {
				u.done()
			}
			return f, nil
		}
		if err != nil {
			return checkForm{}, s.formError(err)
		}
		name := p.FormName()
		if name == pictureField && f.picture == nil {
			data, err := io.ReadAll(io.LimitReader(p, s.maxPicture+1))
			if err != nil {
				return checkForm{}, s.formError(err)
			}
			if int64(len(data)) > s.maxPicture {
				return checkForm{}, s.pictureTooLarge()
			}
			if len(data) > 0 { // a form posted without a file chosen sends an empty part
				f.picture = data
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(p, maxBody-fields+1))
		if err != nil {
			return checkForm{}, s.formError(err)
		}
		if fields += int64(len(data)); fields > maxBody {
			return checkForm{}, tooLarge
		}
		if name != "" {
			f.values.Add(name, string(data))
		}
	}
}

// askPictureOrText asks the core about req's picture when it has one, else its text. A
// question sent with both follows Telegram's rule for a photo's caption: the picture is read and
// answered; when it cannot be read (no text to check in it, another format, too large for the
// reader, pictures off) and the text holds a claim, the text is checked instead.
func (s *Server) askPictureOrText(ctx context.Context, req bot.Request) (bot.Answer, error) {
	ans, err := s.bot.Ask(ctx, req)
	if req.Picture == nil || strings.TrimSpace(req.Text) == "" {
		return ans, err
	}
	switch bot.ErrorCode(err) {
	case bot.CodeTooLarge, bot.CodeUnsupported, bot.CodeNoText, bot.CodeUnavailable:
		req.Picture = nil
		return s.bot.Ask(ctx, req)
	}
	return ans, err
}

// uploadBody gives an upload's body more time than the server's ReadTimeout, which a picture of
// a few megabytes over a slow phone connection would overrun: the read deadline moves on as
// the body comes in, uploadIdle after each uploadProgress bytes, never beyond uploadMax after
// the start, and the write deadline to writeLimit after that. A body that stalls is cut off as
// soon as it does; once it is read, the answer has writeLimit again. Where the connection
// cannot take deadlines (a ResponseRecorder), the body is read as is.
func (s *Server) uploadBody(w http.ResponseWriter, r *http.Request) io.ReadCloser {
	rc := http.NewResponseController(w)
	start := time.Now()
	u := &uploadReader{ReadCloser: r.Body, rc: rc, idle: s.limits.uploadIdle, write: s.limits.write, end: start.Add(s.limits.uploadMax)}
	if err := rc.SetReadDeadline(u.next(start)); err != nil {
		return r.Body
	}
	// The answer is written after the upload, which may outlast the server's WriteTimeout.
	if err := rc.SetWriteDeadline(u.end.Add(s.limits.write)); err != nil {
		return r.Body
	}
	return u
}

// uploadReader moves an upload's read deadline on as its body comes in (see uploadBody).
type uploadReader struct {
	io.ReadCloser
	rc          *http.ResponseController
	idle, write time.Duration
	end         time.Time // the latest the body may finish
	n, last     int64     // bytes read, and at the last move of the deadline
	extendErr   error
}

// done gives the answer to a body read in full the server's usual time to be written.
func (u *uploadReader) done() {
	_ = u.rc.SetWriteDeadline(time.Now().Add(u.write)) // it was set before: it can be set again
}

// next is the read deadline for a body that has made progress at now.
func (u *uploadReader) next(now time.Time) time.Time {
	if d := now.Add(u.idle); d.Before(u.end) {
		return d
	}
	return u.end
}

func (u *uploadReader) Read(p []byte) (int, error) {
	n, err := u.ReadCloser.Read(p)
	u.n += int64(n)
	if u.n-u.last >= uploadProgress && u.extendErr == nil {
		u.last = u.n
		u.extendErr = u.rc.SetReadDeadline(u.next(time.Now()))
	}
	return n, err
}

// formError is the refusal of a multipart body that could not be read to its end.
func (s *Server) formError(err error) *refusal {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return s.pictureTooLarge()
	}
	return &refusal{http.StatusBadRequest, apiErrorBody{string(bot.CodeInvalid), "the multipart form could not be read"}}
}

func (s *Server) pictureTooLarge() *refusal {
	return &refusal{http.StatusRequestEntityTooLarge, apiErrorBody{string(bot.CodeTooLarge),
		fmt.Sprintf("the picture is over %d MB: send a smaller one, or a screenshot of the part with the text", s.maxPicture>>20)}}
}

// pictureMessage is what the page says, in its language, when the core refuses a picture; ""
// for other errors.
func (s *Server) pictureMessage(l *labels, code bot.Code) string {
	switch code {
	case bot.CodeTooLarge:
		return fmt.Sprintf(l.PictureTooLarge, s.maxPicture>>20)
	case bot.CodeUnsupported:
		return l.PictureUnsupported
	case bot.CodeNoText:
		return l.PictureNoText
	case bot.CodeUnavailable:
		return l.PictureUnavailable
	}
	return ""
}

// readText is the text read in the picture a question was sent as, "" for a typed one.
func readText(ans bot.Answer) string {
	if ans.Input == nil || ans.Input.Kind != bot.InputImage {
		return ""
	}
	return ans.Input.Text
}
