package content_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
)

const body = "\n## Definition\n\nText.\n"

// yamlTraps are values that YAML 1.1 reads as booleans (no, on, off, y, n,
// yes), as base-8 and base-60 numbers (0755, 1:20) or as a float (1e3), and
// other values that look like something other than text. In a text key
// they are the text the editor typed.
var yamlTraps = []string{"no", "No", "NO", "on", "On", "off", "y", "n", "yes", "0755", "1e3", "1:20", "2024", "true", ".inf"}

func TestYAMLTrapsAreText(t *testing.T) {
	for _, trap := range yamlTraps {
		t.Run(trap, func(t *testing.T) {
			src := fmt.Sprintf("---\ntitle: %[1]s\nsummary: B\naliases: [One, Two, %[1]s]\ntags:\n  - uk\n  - %[1]s\n"+
				"category: %[1]s\nslug: %[2]s\n---\n"+body, trap, content.SlugFor("x "+trap))
			topic, _, d := content.Parse(md, file, "x.md", []byte(src))
			if len(d) > 0 {
				t.Fatalf("diagnostics:\n%s", strings.Join(messages(d), "\n"))
			}
			if topic.Title != trap || topic.Category != trap {
				t.Errorf("title %q, category %q; want %q", topic.Title, topic.Category, trap)
			}
			if want := []string{"One", "Two", trap}; !slices.Equal(topic.Aliases, want) {
				t.Errorf("aliases %q, want %q", topic.Aliases, want)
			}
			if want := []string{"uk", trap}; !slices.Equal(topic.Tags, want) {
				t.Errorf("tags %q, want %q", topic.Tags, want)
			}
		})
	}
}

// TOML and JSON have no bare text: a trap there is a number, a boolean or
// a syntax error, reported where it was written.
func TestTrapsInTOMLAndJSON(t *testing.T) {
	tests := []struct {
		trap string
		// title = <trap>, then aliases = ["One", "Two", <trap>]
		toml [2]string
		json [2]string
	}{
		{"no",
			[2]string{`2:9: invalid TOML front matter: expected value but found "no" instead`, `4:26: invalid TOML front matter: expected value but found "no" instead`},
			[2]string{`2:13: invalid JSON front matter: invalid character 'o' in literal null (expecting 'u')`, `4:30: invalid JSON front matter: invalid character 'o' in literal null (expecting 'u')`}},
		{"on",
			[2]string{`2:9: invalid TOML front matter: expected value but found "on" instead`, `4:26: invalid TOML front matter: expected value but found "on" instead`},
			[2]string{`2:12: invalid JSON front matter: invalid character 'o' looking for beginning of value`, `4:29: invalid JSON front matter: invalid character 'o' looking for beginning of value`}},
		{"off",
			[2]string{`2:9: invalid TOML front matter: expected value but found "off" instead`, `4:26: invalid TOML front matter: expected value but found "off" instead`},
			[2]string{`2:12: invalid JSON front matter: invalid character 'o' looking for beginning of value`, `4:29: invalid JSON front matter: invalid character 'o' looking for beginning of value`}},
		{"y",
			[2]string{`2:9: invalid TOML front matter: expected value but found "y" instead`, `4:26: invalid TOML front matter: expected value but found "y" instead`},
			[2]string{`2:12: invalid JSON front matter: invalid character 'y' looking for beginning of value`, `4:29: invalid JSON front matter: invalid character 'y' looking for beginning of value`}},
		{"n",
			[2]string{`2:9: invalid TOML front matter: expected value but found "n" instead`, `4:26: invalid TOML front matter: expected value but found "n" instead`},
			[2]string{`2:13: invalid JSON front matter: invalid character ',' in literal null (expecting 'u')`, `4:30: invalid JSON front matter: invalid character ']' in literal null (expecting 'u')`}},
		{"0755",
			[2]string{`2:9: invalid TOML front matter: Invalid integer "0755": cannot have leading zeroes`, `4:26: invalid TOML front matter: Invalid integer "0755": cannot have leading zeroes`},
			[2]string{`2:13: invalid JSON front matter: invalid character '7' after object key:value pair`, `4:30: invalid JSON front matter: invalid character '7' after array element`}},
		// A list's items are reported where the list starts: TOML and
		// JSON decoders do not say where each item is.
		{"1e3",
			[2]string{`2:9: title: expected text, got the number 1000`, `4:11: aliases: expected a list of text, got an item that is the number 1000`},
			[2]string{`2:12: title: expected text, got the number 1000`, `4:14: aliases: expected a list of text, got an item that is the number 1000`}},
		{"1:20",
			[2]string{`2:9: invalid TOML front matter: invalid datetime: "1:20"`, `4:26: invalid TOML front matter: invalid datetime: "1:20"`},
			[2]string{`2:13: invalid JSON front matter: invalid character ':' after object key:value pair`, `4:30: invalid JSON front matter: invalid character ':' after array element`}},
		{"true",
			[2]string{`2:9: title: expected text, got true/false`, `4:11: aliases: expected a list of text, got an item that is true/false`},
			[2]string{`2:12: title: expected text, got true/false`, `4:14: aliases: expected a list of text, got an item that is true/false`}},
	}
	for _, tt := range tests {
		srcs := map[string][2]string{
			"TOML": {
				fmt.Sprintf("+++\ntitle = %s\nsummary = \"B\"\n+++\n"+body, tt.trap),
				fmt.Sprintf("+++\ntitle = \"A\"\nsummary = \"B\"\naliases = [\"One\", \"Two\", %s]\n+++\n"+body, tt.trap),
			},
			"JSON": {
				fmt.Sprintf("{\n  \"title\": %s,\n  \"summary\": \"B\"\n}\n"+body, tt.trap),
				fmt.Sprintf("{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n  \"aliases\": [\"One\", \"Two\", %s]\n}\n"+body, tt.trap),
			},
		}
		for syntax, want := range map[string][2]string{"TOML": tt.toml, "JSON": tt.json} {
			for i, where := range []string{"title", "aliases"} {
				t.Run(syntax+"/"+where+"/"+tt.trap, func(t *testing.T) {
					_, _, d := content.Parse(md, file, "x.md", []byte(srcs[syntax][i]))
					if got := messages(d); !slices.Equal(got, []string{file + ":" + want[i]}) {
						t.Errorf("diagnostics:\n%s\nwant:\n%s:%s", strings.Join(got, "\n"), file, want[i])
					}
				})
			}
		}
		// Quoted, as TOML and JSON write text, the trap is text.
		for syntax, src := range map[string]string{
			"TOML": fmt.Sprintf("+++\ntitle = %[1]q\nsummary = \"B\"\naliases = [\"One\", %[1]q]\n+++\n"+body, tt.trap),
			"JSON": fmt.Sprintf("{\n  \"title\": %[1]q,\n  \"summary\": \"B\",\n  \"aliases\": [\"One\", %[1]q]\n}\n"+body, tt.trap),
		} {
			topic, _, d := content.Parse(md, file, "x.md", []byte(src))
			if len(d) > 0 || topic.Title != tt.trap || !slices.Equal(topic.Aliases, []string{"One", tt.trap}) {
				t.Errorf("%s %q quoted: title %q, aliases %q, diagnostics %v", syntax, tt.trap, topic.Title, topic.Aliases, messages(d))
			}
		}
	}
}

// Only true and false are booleans; a YAML 1.1 word in a boolean key is
// text, and says so.
func TestBooleans(t *testing.T) {
	tests := []struct {
		src   string
		draft bool
		want  []string
	}{
		{src: "---\ntitle: A\nsummary: B\ndraft: true\n---\n", draft: true},
		{src: "---\ntitle: A\nsummary: B\ndraft: True\n---\n", draft: true},
		{src: "---\ntitle: A\nsummary: B\ndraft: false\n---\n"},
		{src: "+++\ntitle = \"A\"\nsummary = \"B\"\ndraft = true\n+++\n", draft: true},
		{src: "{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n  \"draft\": true\n}\n", draft: true},
		{src: "---\ntitle: A\nsummary: B\ndraft: yes\n---\n", want: []string{`4:8: draft: expected true or false, got the text "yes"`}},
		{src: "---\ntitle: A\nsummary: B\ndraft: no\n---\n", want: []string{`4:8: draft: expected true or false, got the text "no"`}},
		{src: "---\ntitle: A\nsummary: B\ndraft:   on\n---\n", want: []string{`4:10: draft: expected true or false, got the text "on"`}},
		{src: "---\ntitle: A\nsummary: B\ndraft: y\n---\n", want: []string{`4:8: draft: expected true or false, got the text "y"`}},
		{src: "---\ntitle: A\nsummary: B\ndraft: 0755\n---\n", want: []string{`4:8: draft: expected true or false, got the number 0755`}},
		{src: "---\ntitle: A\nsummary: B\ndraft: [true]\n---\n", want: []string{`4:8: draft: expected true or false, got a list`}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			topic, _, d := content.Parse(md, file, "x.md", []byte(tt.src+body))
			var want []string
			for _, w := range tt.want {
				want = append(want, file+":"+w)
			}
			if got := messages(d); !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if topic.Draft != tt.draft {
				t.Errorf("draft = %v, want %v", topic.Draft, tt.draft)
			}
		})
	}
}

// Every front matter error is reported at the line and column of what is
// wrong: the value, the list item, the key, or the syntax error.
func TestFrontMatterPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{
			name: "third item of a block list",
			src:  "---\ntitle: A\nsummary: B\naliases:\n  - One\n  - Two\n  - [Three]\n---\n",
			want: []string{`7:5: aliases: expected a list of text, got an item that is a list`},
		},
		{
			name: "empty item of a block list",
			src:  "---\ntitle: A\nsummary: B\naliases:\n  - One\n  -\n  - Three\n---\n",
			want: []string{`6:4: aliases: expected a list of text, got an empty item`},
		},
		{
			name: "null item of a flow list",
			src:  "---\ntitle: A\nsummary: B\naliases: [One, ~, Three]\n---\n",
			want: []string{`4:16: aliases: expected a list of text, got an empty item`},
		},
		{
			name: "third item of a flow list",
			src:  "---\ntitle: A\nsummary: B\ntags: [a, b, {c: d}]\n---\n",
			want: []string{`4:14: tags: expected a list of text, got an item that is a nested table`},
		},
		{
			name: "flow list over several lines",
			src:  "---\ntitle: A\nsummary: B\nrelated: [a,\n  b, [c],\n  d]\n---\n",
			want: []string{`5:6: related: expected a list of text, got an item that is a list`},
		},
		{
			name: "item that is a table over several lines",
			src:  "---\ntitle: A\nsummary: B\ntags:\n  - a\n  - b: c\n    d: e\n---\n",
			want: []string{`6:5: tags: expected a list of text, got an item that is a nested table`},
		},
		{
			name: "several bad items, each at its place",
			src:  "---\ntitle: A\nsummary: B\naliases: [[a],\n  ok, {b: c}]\n---\n",
			want: []string{
				`4:11: aliases: expected a list of text, got an item that is a list`,
				`5:7: aliases: expected a list of text, got an item that is a nested table`,
			},
		},
		{
			name: "list through an alias",
			src:  "---\ntitle: A\nsummary: B\ntags: &t [a, [b]]\naliases: *t\n---\n",
			want: []string{
				`4:14: aliases: expected a list of text, got an item that is a list`,
				`4:14: tags: expected a list of text, got an item that is a list`,
			},
		},
		{
			name: "plain value over two lines",
			src:  "---\ntitle: A\nsummary: B\ndraft: not\n  true\n---\n",
			want: []string{`4:8: draft: expected true or false, got the text "not true"`},
		},
		{
			name: "quoted value over two lines",
			src:  "---\ntitle: A\nsummary: B\nautolink: \"multi\n  line\"\n---\n",
			want: []string{`4:11: autolink: expected true or false, got the text "multi line"`},
		},
		{
			name: "literal block where a list belongs",
			src:  "---\ntitle: A\nsummary: B\ntags: |\n  a\n  b\n---\n",
			want: []string{`4:7: tags: expected a list such as [a, b], got text`},
		},
		{
			name: "value on the line after its key",
			src:  "---\ntitle: A\nsummary: B\ncategory:\n  [a]\n---\n",
			want: []string{`5:3: category: expected text, got a list`},
		},
		{
			name: "date on the line after its key",
			src:  "---\ntitle: A\nsummary: B\nupdated:\n    2026-13-01\n---\n",
			want: []string{`5:5: updated: "2026-13-01" is not a real date in the form YYYY-MM-DD`},
		},
		{
			name: "unknown key after comments",
			src:  "---\n# Reviewed.\ntitle: A\nsummary: B\n\n# Typo below.\ncatgory: C\n---\n",
			want: []string{`7:1: unknown front matter key "catgory" (did you mean "category"?)`},
		},
		{
			name: "key twice",
			src:  "---\ntitle: A\nsummary: B\ntitle: C\n---\n",
			want: []string{`4:1: invalid YAML front matter: key "title" appears twice (first at line 2)`},
		},
		{
			name: "key that is a list",
			src:  "---\ntitle: A\nsummary: B\n? [a]\n: b\n---\n",
			want: []string{`4:3: invalid YAML front matter: a key is a name, not a list`},
		},
		{
			name: "YAML: unclosed flow list",
			src:  "---\ntitle: A\nsummary: B\ntags: [a, b\n---\n",
			want: []string{`4:1: invalid YAML front matter: did not find expected ',' or ']'`},
		},
		{
			name: "YAML: list item among keys",
			src:  "---\ntitle: A\nsummary: B\n- item\n---\n",
			want: []string{`4:1: invalid YAML front matter: did not find expected key`},
		},
		{
			name: "YAML: colon inside a value",
			src:  "---\ntitle: A\nsummary: Excess: the UK word\n---\n",
			want: []string{`3:1: invalid YAML front matter: mapping values are not allowed in this context: a value that holds ": " needs quotes`},
		},
		{
			name: "YAML: unclosed quote",
			src:  "---\ntitle: A\nsummary: \"The amount\ncategory: C\n---\n",
			want: []string{`3:1: invalid YAML front matter: found unexpected end of stream`},
		},
		{
			name: "YAML: emphasis read as an alias",
			src:  "---\ntitle: A\nsummary: B\naliases: [Excess, *Retention*]\n---\n",
			want: []string{`4:1: invalid YAML front matter: did not find expected alphabetic or numeric character: a value that starts with * or & needs quotes`},
		},
		{
			name: "YAML: alias to no anchor",
			src:  "---\ntitle: A\nsummary: B\ncategory: *Retention\n---\n",
			want: []string{`4:11: invalid YAML front matter: unknown anchor 'Retention' referenced: a value that starts with * or & needs quotes`},
		},
		{
			name: "YAML: control character",
			src:  "---\ntitle: A\nsummary: Café\x07 cover\n---\n",
			want: []string{`3:14: invalid YAML front matter: the control character U+0007 is not allowed in YAML`},
		},
		{
			name: "TOML: unclosed string",
			src:  "+++\ntitle = \"A\"\nsummary = \"The amount\ncategory = \"C\"\n+++\n",
			want: []string{`3:22: invalid TOML front matter: strings cannot contain newlines`},
		},
		{
			name: "TOML: key twice",
			src:  "+++\ntitle = \"A\"\nsummary = \"B\"\ntitle = \"C\"\n+++\n",
			want: []string{`4:1: invalid TOML front matter: Key 'title' has already been defined.`},
		},
		{
			name: "TOML: value missing",
			src:  "+++\ntitle = \"A\"\nsummary = \"B\"\ncategory =\n+++\n",
			want: []string{`4:11: invalid TOML front matter: expected value but found '\n' instead`},
		},
		{
			name: "TOML: unknown key, indented",
			src:  "+++\ntitle = \"A\"\nsummary = \"B\"\n  catgory = \"C\"\n+++\n",
			want: []string{`4:3: unknown front matter key "catgory" (did you mean "category"?)`},
		},
		{
			name: "JSON: trailing comma",
			src:  "{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n}\n",
			want: []string{`4:1: invalid JSON front matter: invalid character '}' looking for beginning of object key string`},
		},
		{
			name: "JSON: an array",
			src:  "---json\n[\"title\", \"A\"]\n---\n",
			want: []string{`2:1: invalid JSON front matter: expected an object such as {"title": "..."}, got a JSON array`},
		},
		{
			name: "JSON: unknown key",
			src:  "{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n  \"catgory\": \"C\"\n}\n",
			want: []string{`4:3: unknown front matter key "catgory" (did you mean "category"?)`},
		},
		{
			name: "JSON: wrong type",
			src:  "{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n  \"tags\":   \"cyber\"\n}\n",
			want: []string{`4:13: tags: expected a list such as [a, b], got the text "cyber"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, d := content.Parse(md, file, "x.md", []byte(tt.src+body))
			var want []string
			for _, w := range tt.want {
				want = append(want, file+":"+w)
			}
			if got := messages(d); !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// A key set to nothing is named in the error.
func TestNullValues(t *testing.T) {
	tests := []struct{ src, want string }{
		{"---\ntitle: ~\nsummary: B\n---\n", `2:8: title is empty`},
		{"---\ntitle:\nsummary: B\n---\n", `2:7: title is empty`},
		{"---\ntitle: A\nsummary: null\n---\n", `3:10: summary is empty`},
		{"---\ntitle: A\nsummary: B\ncategory:\n---\n", `4:10: category is empty`},
		{"---\ntitle: A\nsummary: B\nslug: ~\n---\n", `4:7: slug is empty`},
		{"---\ntitle: A\nsummary: B\nupdated: null\n---\n", `4:10: updated is empty`},
		{"{\n  \"title\": null,\n  \"summary\": \"B\"\n}\n", `2:12: title is empty`},
		{"{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n  \"category\": null\n}\n", `4:15: category is empty`},
		{"---\ntitle: A\nsummary: B\ntags: [a, null]\n---\n", `4:11: tags: expected a list of text, got an empty item`},
	}
	for _, tt := range tests {
		_, _, d := content.Parse(md, file, "x.md", []byte(tt.src+body))
		if got, want := messages(d), []string{file + ":" + tt.want}; !slices.Equal(got, want) {
			t.Errorf("%q: diagnostics %q, want %q", tt.src, got, want)
		}
	}
}

// JSON front matter in each of its forms.
func TestJSONFrontMatter(t *testing.T) {
	object := `{"title": "Sublimit", "summary": "S.", "tags": ["limits"], "draft": true, "updated": "2026-01-02"}`
	for _, src := range []string{
		";;;\n" + object + "\n;;;\n",
		"---json\n" + object + "\n---\n",
		"{\n  \"title\": \"Sublimit\",\n  \"summary\": \"S.\",\n  \"tags\": [\"limits\"],\n  \"draft\": true,\n  \"updated\": \"2026-01-02\"\n}\n",
	} {
		topic, _, d := content.Parse(md, file, "x.md", []byte(src+body))
		if len(d) > 0 || topic.Title != "Sublimit" || !slices.Equal(topic.Tags, []string{"limits"}) || !topic.Draft || topic.Updated != "2026-01-02" {
			t.Errorf("%q: title %q tags %q draft %v updated %q, diagnostics %v", src, topic.Title, topic.Tags, topic.Draft, topic.Updated, messages(d))
		}
	}
}
