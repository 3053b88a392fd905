package telegramtest

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// allowedTags are the tags Telegram's HTML parse mode accepts.
var allowedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true, "strike": true,
	"del": true, "a": true, "code": true, "pre": true, "tg-spoiler": true, "span": true, "blockquote": true,
	"tg-emoji": true,
}

// ParseHTML checks text the way the Bot API does in HTML parse mode (only known tags, balanced, every
// '&' starting an entity, no bare '<' or '>') and returns the plain text a reader sees.
func ParseHTML(text string) (string, error) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("can't parse entities: unclosed start tag at byte offset %d", i)
			}
			tag := text[i+1 : i+end]
			i += end + 1
			if name, ok := strings.CutPrefix(tag, "/"); ok {
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return "", fmt.Errorf("can't parse entities: unmatched end tag %q", name)
				}
				stack = stack[:len(stack)-1]
				continue
			}
			name, attrs, _ := strings.Cut(tag, " ")
			if !allowedTags[name] {
				return "", fmt.Errorf("can't parse entities: unsupported start tag %q", name)
			}
			if name == "a" && !strings.HasPrefix(attrs, `href="`) {
				return "", fmt.Errorf("can't parse entities: <a> without href")
			}
			if strings.ContainsAny(strings.ReplaceAll(attrs, `"`, ""), "<") {
				return "", fmt.Errorf("can't parse entities: '<' in an attribute")
			}
			stack = append(stack, name)
		case '>':
			return "", fmt.Errorf("can't parse entities: bare '>' at byte offset %d", i)
		case '&':
			end := strings.IndexByte(text[i:], ';')
			if end < 0 {
				return "", fmt.Errorf("can't parse entities: '&' without ';' at byte offset %d", i)
			}
			r, ok := entity(text[i+1 : i+end])
			if !ok {
				return "", fmt.Errorf("can't parse entities: unknown entity %q", text[i:i+end+1])
			}
			out.WriteString(r)
			i += end + 1
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("can't parse entities: unclosed tag %q", stack[len(stack)-1])
	}
	return out.String(), nil
}

func entity(name string) (string, bool) {
	switch name {
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "amp":
		return "&", true
	case "quot":
		return `"`, true
	}
	var n int
	if _, err := fmt.Sscanf(name, "#x%x", &n); err == nil && strings.HasPrefix(name, "#x") {
		return string(rune(n)), true
	}
	if _, err := fmt.Sscanf(name, "#%d", &n); err == nil {
		return string(rune(n)), true
	}
	return "", false
}

// Len16 is a text's length as the Bot API counts it, in UTF-16 code units.
func Len16(s string) int { return len(utf16.Encode([]rune(s))) }
