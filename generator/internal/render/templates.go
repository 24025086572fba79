// Package render turns the glossary into pages: it lists the pages a site
// has, builds each page's data, renders topic bodies section by section
// with links rewritten to relative URLs, and executes the html/template
// files of the templates folder.
//
// Templates: base.html defines the layout ("base"), each other .html file
// one page kind (topic.html, home.html, list.html, 404.html) defining
// "main"; files starting with _ are partials shared by all. Templates are
// named after their files, so errors read "templates/topic.html:12:3: ...".
//
// Every page has a Fingerprint: a hash of everything its output depends on.
// Equal fingerprints mean equal bytes, which is how a rebuild knows what it
// may skip.
//
// A Renderer renders one language's glossary: its pages are under the
// language's folder (fr/), with that language's words (View.T, from the
// i18n catalogue), hreflang alternates and a language switcher
// (languages.go). The sitemap, robots.txt and the data exports are the
// default language's and name every language.
package render

import (
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"glossary/generator/internal/diag"
)

// Kinds of page and the template each uses.
var pageTemplates = []string{"topic.html", "home.html", "list.html", "404.html"}

// Templates are the parsed template files.
type Templates struct {
	dir string
	set map[string]*template.Template
	// src holds each file's text, to turn the byte offsets in template
	// errors into the columns an editor shows.
	src map[string]string
	// defined maps each set's template names to the files defining them:
	// escaping errors without a position name a template, and html/template
	// drops a template's parse tree once escaping it has failed.
	defined map[string]map[string]string
	hash    uint64
}

// LoadTemplates parses every template in dir.
func LoadTemplates(dir string) (*Templates, diag.List) {
	var d diag.List
	ts := &Templates{dir: dir, set: map[string]*template.Template{}, defined: map[string]map[string]string{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		d.Add(dir, 0, 0, "templates folder: %v", err)
		return nil, d
	}
	h := fnv.New64a()
	files := map[string]string{}
	ts.src = files
	var partials []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, ".") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			d.Add(filepath.Join(dir, name), 0, 0, "%v", err)
			continue
		}
		files[name] = string(src)
		fmt.Fprintf(h, "%s\x00%d\x00%s", name, len(src), src)
		if strings.HasPrefix(name, "_") {
			partials = append(partials, name)
		}
	}
	slices.Sort(partials)
	if _, ok := files["base.html"]; !ok {
		d.Add(filepath.Join(dir, "base.html"), 0, 0, "missing layout template base.html")
		return nil, d
	}
	for _, page := range pageTemplates {
		if _, ok := files[page]; !ok {
			d.Add(filepath.Join(dir, page), 0, 0, "missing page template %s", page)
			continue
		}
		t := template.New("base.html").Funcs(funcs)
		ok := true
		for i, name := range append([]string{"base.html", page}, partials...) {
			target := t
			if i > 0 {
				target = t.New(name)
			}
			if _, err := target.Parse(files[name]); err != nil {
				d.Append(ts.diagnose(err, page))
				ok = false
				break
			}
		}
		if ok {
			ts.set[page] = t
			defined := map[string]string{}
			for _, named := range t.Templates() {
				if named.Tree != nil {
					defined[named.Name()] = named.Tree.ParseName
				}
			}
			ts.defined[page] = defined
		}
	}
	ts.hash = h.Sum64()
	if len(d) > 0 {
		return nil, d
	}
	return ts, nil
}

// Hash identifies the template files' contents.
func (ts *Templates) Hash() uint64 { return ts.hash }

// tmplErr matches the position text/template and html/template put in
// their errors: "template: file:line: ..." (parse errors, which have only a
// line), "template: file:line:col: ..." (execution errors) and
// "html/template:file:line:col: ..." (escaping errors, without a space).
var tmplErr = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+):(?:(\d+):)? ?(.*)$`)

// diagnose turns an error of page's template set into a diagnostic at its
// file, line and, where the error has one, column.
func (ts *Templates) diagnose(err error, page string) diag.List {
	var d diag.List
	msg := err.Error()
	if m := tmplErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col := 0
		if m[3] != "" {
			off, _ := strconv.Atoi(m[3])
			col = column(ts.src[m[1]], line, off)
		}
		d.Add(filepath.Join(ts.dir, m[1]), line, col, "%s", m[4])
		return d
	}
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		// Escaping errors without a position name the template being
		// executed ("base"), not a file: report them at the file that
		// defines it.
		file := te.Name
		if f, ok := ts.defined[page][te.Name]; ok {
			file = f
		}
		d.Add(filepath.Join(ts.dir, file), te.Line, 0, "%s", te.Description)
		return d
	}
	d.Add(ts.dir, 0, 0, "%s", strings.TrimPrefix(msg, "template: "))
	return d
}

// column converts the 0-based byte offset within a line that template
// errors carry into the 1-based rune column diagnostics use, so a line with
// non-ASCII text before the mistake still points at it. It returns 0 (no
// column) if src has no such line.
func column(src string, line, off int) int {
	start := 0
	for range line - 1 {
		i := strings.IndexByte(src[start:], '\n')
		if i < 0 {
			return 0
		}
		start += i + 1
	}
	end := min(start+off, len(src))
	return 1 + utf8.RuneCountInString(src[start:end])
}

var funcs = template.FuncMap{
	// initial returns the A–Z letter a title is listed under.
	"initial": initial,
	// replace fills a placeholder of an interface string:
	// {{.T.feed_title | replace "{site}" .Site.Title}}.
	"replace": func(old, new, s string) string { return strings.ReplaceAll(s, old, new) },
	// dict builds a map from key/value pairs, to pass several values to a
	// shared template.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict needs key/value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
