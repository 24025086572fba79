package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v2"

	"glossary/generator/internal/diag"
)

// frontMatter is the decoded header of a file: its values by key, the line
// of each key, and where the body starts.
type frontMatter struct {
	values   map[string]any
	keyLines map[string]int
	// bodyStart is the byte offset of the body; bodyLine the number of
	// lines before it, so body positions can be reported as file lines.
	bodyStart int
	bodyLine  int
	found     bool
}

var errNoEnd = errors.New("front matter is not closed")

// splitFrontMatter decodes YAML (---), TOML (+++) or JSON ({ or ;;;) front
// matter. adrg/frontmatter finds the delimiters; the unmarshal functions are
// wrapped so that we keep the raw header to locate keys and errors in it.
func splitFrontMatter(path string, src []byte, d *diag.List) frontMatter {
	fm := frontMatter{keyLines: map[string]int{}}
	open, openLine := firstLine(src)
	var raw []byte
	var syntax string
	var decodeErr error
	wrap := func(name string, unmarshal func([]byte, any) error) frontmatter.UnmarshalFunc {
		return func(data []byte, v any) error {
			raw, syntax = append([]byte(nil), data...), name
			decodeErr = unmarshal(data, v)
			return nil // reported below, with a file position
		}
	}
	yamlF := wrap("yaml", yaml.Unmarshal)
	tomlF := wrap("toml", toml.Unmarshal)
	jsonF := wrap("json", json.Unmarshal)
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlF),
		frontmatter.NewFormat("---yaml", "---", yamlF),
		frontmatter.NewFormat("+++", "+++", tomlF),
		frontmatter.NewFormat("---toml", "---", tomlF),
		frontmatter.NewFormat(";;;", ";;;", jsonF),
		frontmatter.NewFormat("---json", "---", jsonF),
		{Start: "{", End: "}", Unmarshal: jsonF, UnmarshalDelims: true, RequiresNewLine: true},
	}
	values := map[string]any{}
	body, err := frontmatter.Parse(bytes.NewReader(src), &values, formats...)
	if err != nil {
		d.Add(path, openLine, 1, "reading front matter: %v", err)
		return fm
	}
	if syntax == "" {
		switch open {
		case "---", "+++", ";;;", "---yaml", "---toml", "---json", "{":
			d.Add(path, openLine, 1, "%v: no closing %q line", errNoEnd, closing(open))
			fm.bodyStart = len(src)
			return fm
		}
		return fm
	}
	fm.found = true
	fm.bodyStart = len(src) - len(body)
	fm.bodyLine = bytes.Count(src[:fm.bodyStart], []byte{'\n'})
	// The decoded block starts on the line after the opening delimiter,
	// except for bare JSON objects, which include their braces.
	first := openLine + 1
	if open == "{" {
		first = openLine
	}
	if decodeErr != nil {
		line, msg := errorLine(decodeErr, raw)
		// A diagnostic is one line, even when the decoder quotes a newline.
		msg = strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(msg)
		d.Add(path, first+line-1, 1, "invalid %s front matter: %s", strings.ToUpper(syntax), msg)
		return fm
	}
	fm.values = values
	for i, l := range strings.Split(string(raw), "\n") {
		if key, ok := keyOnLine(l, syntax); ok {
			if _, seen := fm.keyLines[key]; !seen {
				fm.keyLines[key] = first + i
			}
		}
	}
	return fm
}

// keyOnLine finds the key a front matter line sets: `key:` at the start
// of a YAML line, `key =` in TOML, `"key":` in JSON. Only top-level YAML
// keys count, since nested ones are not indented from the margin.
func keyOnLine(line, syntax string) (string, bool) {
	sep := byte(':')
	switch syntax {
	case "toml":
		sep = '='
		line = strings.TrimLeft(line, " \t")
	case "json":
		line = strings.TrimLeft(line, " \t{,")
	}
	quote := byte(0)
	if line != "" && (line[0] == '"' || line[0] == '\'') {
		quote, line = line[0], line[1:]
	} else if syntax == "json" {
		return "", false
	}
	end := 0
	for end < len(line) {
		c := line[end]
		if quote != 0 && c == quote || quote == 0 && (c == sep || c == ' ' || c == '\t') {
			break
		}
		if quote == 0 && !(c == '_' || c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", false
		}
		end++
	}
	key, rest := line[:end], line[end:]
	if quote != 0 {
		if !strings.HasPrefix(rest, string(quote)) {
			return "", false
		}
		rest = rest[1:]
	}
	rest = strings.TrimLeft(rest, " \t")
	if key == "" || rest == "" || rest[0] != sep {
		return "", false
	}
	return key, true
}

func closing(open string) string {
	switch open {
	case "+++", ";;;":
		return open
	case "{":
		return "}"
	}
	return "---"
}

// firstLine returns the first non-blank line, trimmed, and its number.
func firstLine(src []byte) (string, int) {
	n := 1
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		line := src
		if i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), n
		}
		n++
	}
	return "", 1
}

var lineInErr = regexp.MustCompile(`line (\d+)`)

// errorLine finds the 1-based line, within the raw block, that a decoder's
// error names, and returns the message without the decoder's own prefix.
func errorLine(err error, raw []byte) (int, string) {
	msg := err.Error()
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return 1 + bytes.Count(raw[:min(int(syn.Offset), len(raw))], []byte{'\n'}), msg
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return 1 + bytes.Count(raw[:min(int(typ.Offset), len(raw))], []byte{'\n'}), msg
	}
	var yt *yaml.TypeError
	if errors.As(err, &yt) && len(yt.Errors) > 0 {
		// Its Error() is a multi-line list; the first entry names a line.
		msg = yt.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := lineInErr.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = strings.TrimSpace(lineInErr.ReplaceAllString(msg, ""))
		msg = strings.TrimLeft(strings.TrimPrefix(msg, "Near"), " :")
		return n, msg
	}
	return 1, msg
}

// fields reads typed values out of decoded front matter, reporting each
// wrong type at its key's line.
type fields struct {
	fm   frontMatter
	path string
	d    *diag.List
	seen map[string]bool
}

func (f *fields) line(key string) int {
	if l, ok := f.fm.keyLines[key]; ok {
		return l
	}
	return 1
}

func (f *fields) get(key string) (any, bool) {
	f.seen[key] = true
	v, ok := f.fm.values[key]
	return v, ok && v != nil
}

func (f *fields) str(key string) string {
	v, ok := f.get(key)
	if !ok {
		return ""
	}
	switch s := v.(type) {
	case string:
		return strings.TrimSpace(s)
	case time.Time:
		return s.Format(time.DateOnly)
	}
	f.d.Add(f.path, f.line(key), 1, "%s: expected text, got %s", key, describe(v))
	return ""
}

func (f *fields) boolean(key string) (value, set bool) {
	v, ok := f.get(key)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.d.Add(f.path, f.line(key), 1, "%s: expected true or false, got %s", key, describe(v))
		return false, false
	}
	return b, true
}

func (f *fields) list(key string) []string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	items, isList := v.([]any)
	if !isList {
		f.d.Add(f.path, f.line(key), 1, "%s: expected a list such as [a, b], got %s", key, describe(v))
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, isStr := it.(string)
		if !isStr {
			f.d.Add(f.path, f.line(key), 1, "%s: expected a list of text, got an item that is %s", key, describe(it))
			continue
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (f *fields) date(key string) string {
	s := f.str(key)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		f.d.Add(f.path, f.line(key), 1, "%s: %q is not a real date in the form YYYY-MM-DD", key, s)
		return ""
	}
	return s
}

// unknown reports every key that no field read, suggesting the closest
// known key.
func (f *fields) unknown(known []string) {
	for key := range f.fm.values {
		if !f.seen[key] {
			f.d.Add(f.path, f.line(key), 1, "unknown front matter key %q%s", key, diag.DidYouMean(key, known))
		}
	}
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case bool:
		return "true/false"
	case int, int64, float64, uint64:
		return fmt.Sprintf("the number %v", v)
	case []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a nested table"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}
