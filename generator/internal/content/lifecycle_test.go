package content_test

import (
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
)

// lifecycleTopic is a topic with extra front matter from line 4.
func lifecycleTopic(extra string) string {
	return "---\ntitle: Old Term\nsummary: S.\n" + extra + "---\n\n## Definition\n\nText.\n"
}

func TestLifecycleFields(t *testing.T) {
	tests := []struct {
		name, extra string
		check       func(*content.Topic) bool
	}{
		{"approved by default", "", func(tp *content.Topic) bool {
			return tp.Status == content.StatusApproved && tp.ReplacedBy == "" && tp.Reviewed == ""
		}},
		{"proposed", "status: proposed\n", func(tp *content.Topic) bool { return tp.Status == content.StatusProposed }},
		{"deprecated", "status: deprecated\nreplaced_by: new-term\n", func(tp *content.Topic) bool {
			return tp.Status == content.StatusDeprecated && tp.ReplacedBy == "new-term" && tp.ReplacedByAt == content.Pos{Line: 5, Col: 14}
		}},
		{"reviewed", "reviewed: 2026-02-03\nupdated: 2026-03-04\n", func(tp *content.Topic) bool {
			return tp.Reviewed == "2026-02-03" && tp.Updated == "2026-03-04"
		}},
		{"moved_from", "moved_from: [old-term, older]\n", func(tp *content.Topic) bool {
			return slices.Equal(tp.MovedFrom, []content.Ref{{Name: "old-term", Line: 4, Col: 14}, {Name: "older", Line: 4, Col: 24}})
		}},
		{"forms", "forms: [criteria, Criterions]\n", func(tp *content.Topic) bool {
			return slices.Equal(tp.Forms, []string{"criteria", "Criterions"})
		}},
	}
	for _, tt := range tests {
		tp, _, d := content.Parse(md, file, "x.md", []byte(lifecycleTopic(tt.extra)))
		if len(d) > 0 || !tt.check(tp) {
			t.Errorf("%s: %+v, %v", tt.name, tp, d.Err())
		}
	}
}

func TestLifecycleErrors(t *testing.T) {
	tests := []struct {
		name, extra string
		want        []string
	}{
		{"unknown status", "status: retired\n",
			[]string{file + `:4:9: status "retired" is not one of proposed, approved, deprecated`}},
		{"status in capitals", "status: Deprecated\n",
			[]string{file + `:4:9: status "Deprecated" is not one of proposed, approved, deprecated (did you mean "deprecated"?)`}},
		{"deprecated without replacement", "status: deprecated\n",
			[]string{file + `:4:9: a deprecated term needs replaced_by: the slug of the topic readers should use instead`}},
		{"replacement without deprecation", "replaced_by: new-term\n",
			[]string{file + `:4:14: replaced_by is for deprecated terms: add status: deprecated, or remove replaced_by`}},
		{"replacement by title", "status: deprecated\nreplaced_by: New Term\n",
			[]string{file + `:5:14: replaced_by "New Term" is not a slug: name the replacing topic by its slug (the name of its page, topics/<slug>/) (did you mean "new-term"?)`}},
		{"replacement not text", "status: deprecated\nreplaced_by: [a, b]\n",
			[]string{file + `:5:14: replaced_by: expected text, got a list`}},
		{"reviewed not a date", "reviewed: 2026-02-30\n",
			[]string{file + `:4:11: reviewed: "2026-02-30" is not a real date in the form YYYY-MM-DD`}},
		{"moved_from not a slug", "moved_from: [ok, Old Name]\n",
			[]string{file + `:4:18: moved_from: "Old Name" is not a slug (lowercase letters, digits and single hyphens, as in the old address topics/<slug>/)`}},
		{"forms not a list", "forms: criteria\n",
			[]string{file + `:4:8: forms: expected a list such as [a, b], got the text "criteria"`}},
		{"misspelt key", "replaced-by: x\nstatus: deprecated\n",
			[]string{
				file + `:4:1: unknown front matter key "replaced-by" (did you mean "replaced_by"?)`,
				file + `:5:9: a deprecated term needs replaced_by: the slug of the topic readers should use instead`,
			}},
	}
	for _, tt := range tests {
		_, _, d := content.Parse(md, file, "x.md", []byte(lifecycleTopic(tt.extra)))
		if got := messages(d); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
		}
	}
}

// The same keys in TOML and JSON front matter.
func TestLifecycleInTOMLAndJSON(t *testing.T) {
	for name, src := range map[string]string{
		"toml": "+++\ntitle = \"Old Term\"\nsummary = \"S.\"\nstatus = \"deprecated\"\nreplaced_by = \"new-term\"\nreviewed = 2026-01-02\nmoved_from = [\"old\"]\nforms = [\"olds\"]\n+++\n\n## Definition\n\nText.\n",
		"json": "{\n\"title\": \"Old Term\",\n\"summary\": \"S.\",\n\"status\": \"deprecated\",\n\"replaced_by\": \"new-term\",\n\"reviewed\": \"2026-01-02\",\n\"moved_from\": [\"old\"],\n\"forms\": [\"olds\"]\n}\n\n## Definition\n\nText.\n",
	} {
		tp, _, d := content.Parse(md, file, "x.md", []byte(src))
		if len(d) > 0 || tp.Status != content.StatusDeprecated || tp.ReplacedBy != "new-term" || tp.ReplacedByAt.Line != 5 ||
			tp.Reviewed != "2026-01-02" || len(tp.MovedFrom) != 1 || tp.MovedFrom[0].Name != "old" || !slices.Equal(tp.Forms, []string{"olds"}) {
			t.Errorf("%s: %+v, %v", name, tp, d.Err())
		}
	}
}

// The scaffold shows the lifecycle keys as comments, which work once
// uncommented.
func TestScaffoldLifecycle(t *testing.T) {
	src := string(content.Scaffold("New Term", "2026-01-02"))
	for _, line := range []string{"# status: proposed", "# reviewed: YYYY-MM-DD"} {
		if !strings.Contains(src, "\n"+line) {
			t.Fatalf("the scaffold lacks %q:\n%s", line, src)
		}
	}
	src = strings.Replace(src, "# status: proposed", "status: proposed", 1)
	src = strings.Replace(src, "# reviewed: YYYY-MM-DD", "reviewed: 2026-01-03", 1)
	tp, _, d := content.Parse(md, file, "x.md", []byte(src))
	if len(d) > 0 || tp.Status != content.StatusProposed || tp.Reviewed != "2026-01-03" {
		t.Errorf("uncommented: status %q reviewed %q, %v", tp.Status, tp.Reviewed, d.Err())
	}
}
