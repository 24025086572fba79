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
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"glossary/generator/internal/diag"
)

// frontMatter is the decoded header of a file: its values by key, where
// each key and value was written, and where the body starts.
type frontMatter struct {
	values   map[string]any
	keyLines map[string]int
	keys     map[string]keyAt
	// bodyStart is the byte offset of the body; bodyLine the number of
	// lines before it, so body positions can be reported as file lines.
	bodyStart int
	bodyLine  int
	found     bool
}

// place is a 1-based line and column in the file.
type place struct{ line, col int }

// keyAt is where a key (on its line in keyLines) and its value were
// written.
type keyAt struct {
	col   int
	value written
}

// written is where a value starts. YAML gives the place of every list
// item too; TOML and JSON items are reported where their list starts.
type written struct {
	place
	// text is a YAML scalar as it was written. A text key takes it
	// whatever type YAML resolves it to, so `title: 0755`, `tags: [2024]`
	// and `aliases: [1e3]` are the text the editor typed.
	text   string
	scalar bool
	items  []written
	// mapping holds the keys of a list item that is a mapping (a source,
	// say), with their places: lists of mappings are read one level deep.
	mapping *decoded
}

// decoded is what a decoder makes of a front matter block.
type decoded struct {
	values   map[string]any
	keyLines map[string]int
	keys     map[string]keyAt
}

func newDecoded() decoded {
	return decoded{values: map[string]any{}, keyLines: map[string]int{}, keys: map[string]keyAt{}}
}

// problem is a front matter block that cannot be decoded, and where.
type problem struct {
	place
	msg string
}

var errNoEnd = errors.New("front matter is not closed")

// splitFrontMatter decodes YAML (---), TOML (+++) or JSON ({ or ;;;) front
// matter. adrg/frontmatter finds the delimiters; the block between them is
// decoded here, where its first line in the file is known.
func splitFrontMatter(path string, src []byte, d *diag.List) frontMatter {
	fm := frontMatter{keyLines: map[string]int{}}
	open, openLine := firstLine(src)
	var raw []byte
	var syntax string
	capture := func(name string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			raw, syntax = append([]byte(nil), data...), name
			return nil
		}
	}
	yamlF, tomlF, jsonF := capture("yaml"), capture("toml"), capture("json")
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlF),
		frontmatter.NewFormat("---yaml", "---", yamlF),
		frontmatter.NewFormat("+++", "+++", tomlF),
		frontmatter.NewFormat("---toml", "---", tomlF),
		frontmatter.NewFormat(";;;", ";;;", jsonF),
		frontmatter.NewFormat("---json", "---", jsonF),
		{Start: "{", End: "}", Unmarshal: jsonF, UnmarshalDelims: true, RequiresNewLine: true},
	}
	body, err := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
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
	// The block starts on the line after the opening delimiter, except
	// for bare JSON objects, which include their braces.
	first := openLine + 1
	if open == "{" {
		first = openLine
	}
	dec, p := decode(syntax, raw, first)
	if p != nil {
		// A diagnostic is one line, even when the decoder quotes a newline.
		msg := strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(p.msg)
		d.Add(path, p.line, p.col, "invalid %s front matter: %s", strings.ToUpper(syntax), msg)
		return fm
	}
	fm.values, fm.keyLines, fm.keys = dec.values, dec.keyLines, dec.keys
	return fm
}

// decode decodes a block whose first line is line first of the file.
func decode(syntax string, raw []byte, first int) (dec decoded, p *problem) {
	defer func() {
		// A decoder's own bug must not stop the run: it is one more
		// problem with this file.
		if r := recover(); r != nil {
			dec, p = decoded{}, &problem{place{first, 1}, fmt.Sprintf("the %s decoder failed: %v", syntax, r)}
		}
	}()
	switch syntax {
	case "yaml":
		return decodeYAML(raw, first)
	case "toml":
		return decodeTOML(raw, first)
	}
	return decodeJSON(raw, first)
}

// decodeYAML reads YAML 1.2, taking every position from the parser's
// node tree.
func decodeYAML(raw []byte, first int) (decoded, *problem) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return decoded{}, yamlProblem(err, raw, first)
	}
	dec := newDecoded()
	if len(doc.Content) == 0 {
		return dec, nil // empty, or only comments
	}
	root := target(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return dec, nil
	}
	if root.Kind != yaml.MappingNode {
		v, w := yamlLeaf(doc.Content[0], first)
		return decoded{}, &problem{w.place, "expected lines of key: value, got " + w.describe(v)}
	}
	return yamlMapping(root, first, true)
}

// yamlMapping decodes the keys of a mapping: the front matter itself
// (top) or a mapping in one of its lists, whose own lists hold only
// scalars.
func yamlMapping(m *yaml.Node, first int, top bool) (decoded, *problem) {
	dec := newDecoded()
	at := func(n *yaml.Node) place { return place{first + n.Line - 1, n.Column} }
	for i := 0; i+1 < len(m.Content); i += 2 {
		kn := m.Content[i]
		k := target(kn)
		if k.Kind != yaml.ScalarNode {
			v, w := yamlLeaf(kn, first)
			return decoded{}, &problem{w.place, "a key is a name, not " + w.describe(v)}
		}
		if line, dup := dec.keyLines[k.Value]; dup {
			return decoded{}, &problem{at(kn), fmt.Sprintf("key %q appears twice (first at line %d)", k.Value, line)}
		}
		v, w, p := yamlValue(m.Content[i+1], first, top)
		if p != nil {
			return decoded{}, p
		}
		dec.values[k.Value] = v
		dec.keyLines[k.Value] = at(kn).line
		dec.keys[k.Value] = keyAt{col: kn.Column, value: w}
	}
	return dec, nil
}

// target is the node an alias stands for.
func target(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// yamlValue decodes a key's value as far as front matter needs: a scalar,
// or a list and its items, and for a top-level key, the keys of items
// that are mappings. Deeper structure only needs its kind for a message,
// so it is not walked, however it nests or refers to itself.
func yamlValue(n *yaml.Node, first int, top bool) (any, written, *problem) {
	v, w := yamlLeaf(n, first)
	if top && n.Kind == yaml.MappingNode {
		// A map written in place (the settings' categories and tags):
		// decoded whole, as TOML and JSON decode it.
		var m map[string]any
		if n.Decode(&m) == nil {
			v = m
		}
	}
	if t := target(n); t.Kind == yaml.SequenceNode {
		items := make([]any, len(t.Content))
		w.items = make([]written, len(t.Content))
		for i, item := range t.Content {
			items[i], w.items[i] = yamlLeaf(item, first)
			// Only a mapping written in place: one reached by an alias
			// could be repeated without bound.
			if top && item.Kind == yaml.MappingNode {
				m, p := yamlMapping(item, first, false)
				if p != nil {
					return nil, written{}, p
				}
				items[i], w.items[i].mapping = m.values, &m
			}
		}
		v = items
	}
	return v, w, nil
}

// yamlLeaf decodes a scalar. Booleans are YAML 1.2's, true and false
// only, so no, on, off, y and n stay text.
func yamlLeaf(n *yaml.Node, first int) (any, written) {
	w := written{place: place{first + n.Line - 1, n.Column}}
	n = target(n)
	switch n.Kind {
	case yaml.SequenceNode:
		return []any{}, w
	case yaml.MappingNode:
		return map[string]any{}, w
	case yaml.ScalarNode:
		tag := n.ShortTag()
		if tag == "!!null" {
			return nil, w
		}
		w.text, w.scalar = n.Value, true
		if tag == "!!bool" || tag == "!!int" || tag == "!!float" {
			var v any
			if n.Decode(&v) == nil {
				return v, w
			}
		}
		// Everything else is text as written, dates included: `updated`
		// checks its own form.
		return n.Value, w
	}
	return nil, w
}

var yamlLine = regexp.MustCompile(`^line (\d+): `)

// yamlParserProblems are the messages of yaml.v3's parser, as opposed to
// its scanner: it numbers their lines from 0.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// yamlProblem places a YAML syntax error. The parser names a line, the
// first of the construct it could not finish, and no column. Where it
// names none, the problem is on the block's first line, or it is one that
// the message lets us find: a character YAML does not allow, or an alias
// to no anchor.
func yamlProblem(err error, raw []byte, first int) *problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if yamlParserProblems[msg] {
			line++
		}
	}
	at := func(off int) place {
		l, col := diag.NewLines(raw, first-1).Pos(off)
		return place{l, col}
	}
	switch {
	case msg == "control characters are not allowed":
		if off := disallowed(raw); off >= 0 {
			r, _ := utf8.DecodeRune(raw[off:])
			return &problem{at(off), fmt.Sprintf("the control character %U is not allowed in YAML", r)}
		}
	case strings.HasPrefix(msg, "unknown anchor '"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		msg += ": " + quoteAlias
		if off := bytes.Index(raw, []byte("*"+name)); off >= 0 {
			return &problem{at(off), msg}
		}
	case yamlHints[msg] != "":
		msg += ": " + yamlHints[msg]
	}
	return &problem{place{first + line - 1, 1}, msg}
}

// Markdown emphasis at the start of a value, `summary: *Excess* is ...`,
// reads as a YAML alias.
const quoteAlias = "a value that starts with * or & needs quotes"

// yamlHints tell an editor what to do about the commonest mistakes.
var yamlHints = map[string]string{
	"mapping values are not allowed in this context":        `a value that holds ": " needs quotes`,
	"did not find expected alphabetic or numeric character": quoteAlias,
}

// disallowed returns the offset of the first control character that YAML
// does not allow (all but tab, line breaks and U+0085), or -1.
func disallowed(raw []byte) int {
	for i, r := range string(raw) {
		if (r < 0x20 || r >= 0x7f && r < 0xa0) && r != '\t' && r != '\n' && r != '\r' && r != 0x85 || r == 0xfffe || r == 0xffff {
			return i
		}
	}
	return -1
}

// decodeTOML reads TOML, which places its own syntax errors. It does not
// publish where keys are, so they are found by their lines.
func decodeTOML(raw []byte, first int) (decoded, *problem) {
	dec := newDecoded()
	if err := toml.Unmarshal(raw, &dec.values); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// The span at fault may start with the blank before it.
			start, end := pe.Position.Start, pe.Position.Start+pe.Position.Len
			for start+1 < end && start < len(raw) && (raw[start] == ' ' || raw[start] == '\t') {
				start++
			}
			line, col := diag.NewLines(raw, first-1).Pos(start)
			return decoded{}, &problem{place{line, col}, pe.Message}
		}
		return decoded{}, &problem{place{first, 1}, strings.TrimPrefix(err.Error(), "toml: ")}
	}
	dec.locateKeys(raw, "toml", first)
	return dec, nil
}

// decodeJSON reads a JSON object; its keys are found by their lines.
func decodeJSON(raw []byte, first int) (decoded, *problem) {
	dec := newDecoded()
	if err := json.Unmarshal(raw, &dec.values); err != nil {
		msg := strings.TrimPrefix(err.Error(), "json: ")
		off := int64(0)
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			off = syn.Offset - 1 // Offset counts the byte at fault
		case errors.As(err, &typ):
			off, msg = typ.Offset-1, fmt.Sprintf(`expected an object such as {"title": "..."}, got a JSON %s`, typ.Value)
		}
		line, col := diag.NewLines(raw, first-1).Pos(int(max(off, 0)))
		return decoded{}, &problem{place{line, col}, msg}
	}
	if dec.values == nil { // the block says null
		dec.values = map[string]any{}
	}
	dec.locateKeys(raw, "json", first)
	return dec, nil
}

// TOML table headers: [[name]] starts an item of a list of tables (a
// source), [name] a table.
var (
	tomlItemHeader  = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(?:#.*)?$`)
	tomlTableHeader = regexp.MustCompile(`^\s*\[[^\[\]]+\]\s*(?:#.*)?$`)
)

// locateKeys finds the line of each top-level key and where its value
// starts on that line, and in TOML, the keys of each [[name]] item.
func (dec *decoded) locateKeys(raw []byte, syntax string, first int) {
	// into takes the keys of the lines being read: the front matter's,
	// an item's after its [[name]], none in a [table].
	into := dec
	for i, l := range strings.Split(string(raw), "\n") {
		line := first + i
		col := func(off int) int { return 1 + utf8.RuneCountInString(l[:off]) }
		if syntax == "toml" {
			if m := tomlItemHeader.FindStringSubmatchIndex(l); m != nil {
				name := l[m[2]:m[3]]
				at := place{line, col(m[2])}
				k, seen := dec.keys[name]
				if !seen {
					dec.keyLines[name] = line
					k = keyAt{col: at.col, value: written{place: at}}
				}
				item := newDecoded()
				k.value.items = append(k.value.items, written{place: at, mapping: &item})
				dec.keys[name], into = k, &item
				continue
			}
			if tomlTableHeader.MatchString(l) {
				into = nil
				continue
			}
		}
		key, keyOff, valueOff, ok := keyOnLine(l, syntax)
		if !ok || into == nil {
			continue
		}
		if _, seen := into.keyLines[key]; !seen {
			into.keyLines[key] = line
			into.keys[key] = keyAt{col: col(keyOff), value: written{place: place{line, col(valueOff)}}}
		}
	}
}

// keyOnLine finds the key a front matter line sets: `key =` or `"key" =`
// in TOML, `"key":` in JSON. It returns the byte offsets in line of the key
// and of its value (or the end of the line, when the value starts on the
// next). Keys in a TOML table or a nested JSON object may match too: only
// the first line that sets a key counts, and top-level keys come first.
func keyOnLine(line, syntax string) (key string, keyOff, valueOff int, ok bool) {
	sep := byte(':')
	rest := line
	switch syntax {
	case "toml":
		sep = '='
		rest = strings.TrimLeft(rest, " \t")
	case "json":
		rest = strings.TrimLeft(rest, " \t{,")
	}
	keyOff = len(line) - len(rest)
	quote := byte(0)
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		quote, rest = rest[0], rest[1:]
	} else if syntax == "json" {
		return "", 0, 0, false
	}
	end := 0
	for end < len(rest) {
		c := rest[end]
		if quote != 0 && c == quote || quote == 0 && (c == sep || c == ' ' || c == '\t') {
			break
		}
		if quote == 0 && !(c == '_' || c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", 0, 0, false
		}
		end++
	}
	key, rest = rest[:end], rest[end:]
	if quote != 0 {
		if !strings.HasPrefix(rest, string(quote)) {
			return "", 0, 0, false
		}
		rest = rest[1:]
	}
	rest = strings.TrimLeft(rest, " \t")
	if key == "" || rest == "" || rest[0] != sep {
		return "", 0, 0, false
	}
	rest = strings.TrimLeft(rest[1:], " \t\r")
	return key, keyOff, len(line) - len(rest), true
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

// fields reads typed values out of decoded front matter, reporting each
// wrong type where the value was written.
type fields struct {
	fm   frontMatter
	path string
	d    *diag.List
	seen map[string]bool
	// in names what the keys belong to, when not the front matter
	// itself: "a source".
	in string
}

// line is the line of key, or 1 for a key whose line is not known (one
// set inside a TOML table, say).
func (f *fields) line(key string) int {
	if l, ok := f.fm.keyLines[key]; ok {
		return l
	}
	return 1
}

// value is where key's value was written.
func (f *fields) value(key string) written {
	if k, ok := f.fm.keys[key]; ok {
		return k.value
	}
	return written{place: place{f.line(key), 1}}
}

func (f *fields) errorf(at place, format string, args ...any) {
	f.d.Add(f.path, at.line, at.col, format, args...)
}

// errorAt reports a problem with key's value where the value was written.
func (f *fields) errorAt(key, format string, args ...any) {
	f.errorf(f.value(key).place, format, args...)
}

func (f *fields) get(key string) (any, bool) {
	f.seen[key] = true
	v, ok := f.fm.values[key]
	return v, ok && v != nil
}

// str reads a text key. A key set to nothing (`category:`, `~`, JSON's
// null) is an error: an editor who means no value leaves the key out.
func (f *fields) str(key string) string {
	f.seen[key] = true
	v, present := f.fm.values[key]
	if !present {
		return ""
	}
	w := f.value(key)
	switch s := v.(type) {
	case nil:
		f.errorf(w.place, "%s is empty", key)
		return ""
	case string:
		return strings.TrimSpace(s)
	case time.Time: // a TOML date
		return s.Format(time.DateOnly)
	}
	if w.scalar {
		return strings.TrimSpace(w.text)
	}
	f.errorf(w.place, "%s: expected text, got %s", key, w.describe(v))
	return ""
}

func (f *fields) boolean(key string) (value, set bool) {
	v, ok := f.get(key)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		w := f.value(key)
		f.errorf(w.place, "%s: expected true or false, got %s", key, w.describe(v))
		return false, false
	}
	return b, true
}

func (f *fields) list(key string) []string {
	names, _ := f.listAt(key)
	return names
}

// listAt is list with the place of each name.
func (f *fields) listAt(key string) ([]string, []place) {
	v, ok := f.get(key)
	if !ok {
		return nil, nil
	}
	w := f.value(key)
	items, isList := v.([]any)
	if !isList {
		f.errorf(w.place, "%s: expected a list such as [a, b], got %s", key, w.describe(v))
		return nil, nil
	}
	out := make([]string, 0, len(items))
	at := make([]place, 0, len(items))
	for i, it := range items {
		iw := written{place: w.place}
		if i < len(w.items) {
			iw = w.items[i]
		}
		s, isStr := it.(string)
		if !isStr && iw.scalar {
			s, isStr = iw.text, true
		}
		if !isStr {
			got := "an item that is " + iw.describe(it)
			if it == nil {
				got = "an empty item"
			}
			f.errorf(iw.place, "%s: expected a list of text, got %s", key, got)
			continue
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
			at = append(at, iw.place)
		}
	}
	return out, at
}

// refs reads a list of names (slugs) with the place of each.
func (f *fields) refs(key string) []Ref {
	names, at := f.listAt(key)
	var out []Ref
	for i, n := range names {
		out = append(out, Ref{Name: n, Line: at[i].line, Col: at[i].col})
	}
	return out
}

func (f *fields) date(key string) string {
	s := f.str(key)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		f.errorf(f.value(key).place, "%s: %q is not a real date in the form YYYY-MM-DD", key, s)
		return ""
	}
	return s
}

// unknown reports every key that no field read, suggesting the closest
// known key.
func (f *fields) unknown(known []string) {
	for key := range f.fm.values {
		if !f.seen[key] {
			at := place{f.line(key), f.fm.keys[key].col}
			if f.in != "" {
				f.errorf(at, "unknown key %q in %s%s", key, f.in, diag.DidYouMean(key, known))
				continue
			}
			f.errorf(at, "unknown front matter key %q%s", key, diag.DidYouMean(key, known))
		}
	}
}

// describe names a value's type for a message, with the value when it is
// short enough to recognise: a YAML number as it was written.
func (w written) describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		if utf8.RuneCountInString(v) <= 24 && !strings.ContainsAny(v, "\r\n") {
			return fmt.Sprintf("the text %q", v)
		}
		return "text"
	case bool:
		return "true/false"
	case int, int64, float64, uint64:
		if w.scalar {
			return "the number " + w.text
		}
		return fmt.Sprintf("the number %v", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a nested table"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}
