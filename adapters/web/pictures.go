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
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		return checkForm{}, &refusal{http.StatusBadRequest, apiErrorBody{string(bot.CodeInvalid), "the multipart form could not be read"}}
	}
	f := checkForm{values: url.Values{}}
	fields := int64(0) // bytes of the fields other than the picture
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
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
