package content

import "testing"

func TestKeyOnLine(t *testing.T) {
	tests := []struct {
		line, syntax, key string
		keyOff, valueOff  int
		ok                bool
	}{
		{"title = 'x'", "toml", "title", 0, 8, true},
		{"  tags = []", "toml", "tags", 2, 9, true},
		{`"quoted key" = 1`, "toml", "quoted key", 0, 15, true},
		{"title =\r", "toml", "title", 0, 8, true},
		{"[table]", "toml", "", 0, 0, false},
		{"a.b = 1", "toml", "", 0, 0, false},
		{`  "title": "x",`, "json", "title", 2, 11, true},
		{`{"title": "x"`, "json", "title", 1, 10, true},
		{`, "tags":["a"]`, "json", "tags", 2, 9, true},
		{`  title: x`, "json", "", 0, 0, false},
	}
	for _, tt := range tests {
		key, keyOff, valueOff, ok := keyOnLine(tt.line, tt.syntax)
		if key != tt.key || ok != tt.ok || ok && (keyOff != tt.keyOff || valueOff != tt.valueOff) {
			t.Errorf("keyOnLine(%q, %s) = %q, %d, %d, %v; want %q, %d, %d, %v", tt.line, tt.syntax,
				key, keyOff, valueOff, ok, tt.key, tt.keyOff, tt.valueOff, tt.ok)
		}
	}
}
