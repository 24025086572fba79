package export

import (
	"encoding/json"
	"testing"
)

var quoteCases = []string{
	"", "Deductible", "Claims-Made Policy", "Art. 4(12)", "café", "franchise à 10 %",
	`"quoted"`, `back\slash`, "<script>", "a & b", "line\nbreak", "tab\there", "\x7f", "\x00",
	"sep\u2028ara\u2029tors", "bad \xff utf-8", "emoji 🛡️", `"""`, "ʡ\"after a rune",
}

// TestJSONString: the fast path quotes exactly as encoding/json does.
func TestJSONString(t *testing.T) {
	for _, s := range quoteCases {
		want, _ := json.Marshal(s)
		if got := jsonString(s); got != string(want) {
			t.Errorf("jsonString(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestTurtleString: a string quoted as it is by the fast path is one the
// escaping path would have left as it is too.
func TestTurtleString(t *testing.T) {
	for _, s := range quoteCases {
		if plainTurtle(s) && turtleString(s) != escapeTurtle(s) {
			t.Errorf("turtleString(%q) = %s, want %s", s, turtleString(s), escapeTurtle(s))
		}
	}
}

func FuzzQuote(f *testing.F) {
	for _, s := range quoteCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := jsonString(s); got != string(want) {
			t.Errorf("jsonString(%q) = %s, want %s", s, got, want)
		}
		if plainTurtle(s) && turtleString(s) != escapeTurtle(s) {
			t.Errorf("turtleString(%q) = %s, want %s", s, turtleString(s), escapeTurtle(s))
		}
	})
}
