package media

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

func encoded(t *testing.T, encode func(*bytes.Buffer, image.Image) error, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func unbase64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestInspect(t *testing.T) {
	svgDoc := func(attrs string) []byte {
		return []byte(`<?xml version="1.0"?>` + "\n<!-- drawn by hand -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" " + attrs + `><rect width="1" height="1"/></svg>`)
	}
	tests := []struct {
		name string
		data []byte
		want Info
	}{
		{"png", encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 30, 20), Info{".png", 30, 20}},
		{"jpeg", encoded(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }, 7, 9), Info{".jpg", 7, 9}},
		{"gif", encoded(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }, 5, 3), Info{".gif", 5, 3}},
		// 1×1 WebP files, one of each kind of first chunk.
		{"webp lossy", unbase64(t, "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA"), Info{".webp", 1, 1}},
		{"webp lossless", unbase64(t, "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="), Info{".webp", 1, 1}},
		{"webp extended", unbase64(t, "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA=="), Info{".webp", 1, 1}},
		{"svg viewBox", svgDoc(`viewBox="0 0 640 360.4"`), Info{".svg", 640, 360}},
		{"svg viewBox with commas", svgDoc(`viewBox="0,0,100,50"`), Info{".svg", 100, 50}},
		{"svg width and height", svgDoc(`width="120px" height="80" viewBox="0 0 12 8"`), Info{".svg", 120, 80}},
		{"svg width only", svgDoc(`width="300" viewBox="0 0 100 50"`), Info{".svg", 300, 150}},
		{"svg relative width", svgDoc(`width="100%" viewBox="0 0 100 50"`), Info{".svg", 100, 50}},
		{"svg with BOM and doctype", append([]byte("\ufeff<!DOCTYPE svg>"), svgDoc(`viewBox="0 0 8 8"`)[21:]...), Info{".svg", 8, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Inspect(tt.data)
			if err != nil || got != tt.want {
				t.Errorf("Inspect = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestInspectRefuses(t *testing.T) {
	svgDoc := func(body string) []byte {
		return []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` + body + `</svg>`)
	}
	tests := []struct {
		name string
		data []byte
		want string // in the error
	}{
		{"text", []byte("just words"), "not a PNG, JPEG, GIF, WebP or SVG image"},
		{"truncated png", encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 3, 3)[:10], "not a PNG"},
		{"truncated webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), "not a readable WebP"},
		{"html", []byte("<html><body>hi</body></html>"), "not an SVG image (its root element is <html>)"},
		{"broken xml", []byte("<svg viewBox='0 0 1 1'><g></svg>"), "not a readable SVG"},
		{"no size", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "add a viewBox"},
		{"relative size only", []byte(`<svg width="50%" height="2em"/>`), "add a viewBox"},
		{"absurd size", []byte(`<svg width="1e9" height="1e9" viewBox="0 0 1e9 1e9"/>`), "its size is"},
		{"script", svgDoc(`<script>alert(1)</script>`), "holds a <script>"},
		{"script in foreignObject", svgDoc(`<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><SCRIPT>alert(1)</SCRIPT></body></foreignObject>`), "holds a <script>"},
		{"event handler", svgDoc(`<rect onclick="alert(1)" width="1" height="1"/>`), "event handler, onclick"},
		{"event handler on the root", []byte(`<svg onload="alert(1)" viewBox="0 0 1 1"/>`), "event handler, onload"},
		{"javascript link", svgDoc(`<a xlink:href=" JavaScript:alert(1)"><rect width="1" height="1"/></a>`), "javascript: address in href"},
		{"external image", svgDoc(`<image href="https://tracker.example/p.png" width="1" height="1"/>`), "loads https://tracker.example/p.png from another site"},
		{"external use", svgDoc(`<use xlink:href="//cdn.example/s.svg#i"/>`), "from another site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Inspect(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Inspect = %+v, %v; want an error containing %q", got, err, tt.want)
			}
		})
	}
}

func TestName(t *testing.T) {
	if got := Name(0xabc, ".svg"); got != "media/0000000000000abc.svg" {
		t.Errorf("Name = %q", got)
	}
}

// FuzzInspect feeds arbitrary bytes: Inspect may refuse them, never panic,
// and a size it returns is a real one.
func FuzzInspect(f *testing.F) {
	f.Add([]byte(`<svg viewBox="0 0 10 10"/>`))
	f.Add([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\r\x00\x00\x00/\x00\x00\x00\x10\a\x10\x11\x11\x88\x88\xfe\a\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data)
		if err == nil && (info.Width <= 0 || info.Height <= 0 || info.Width > maxSide || info.Height > maxSide || info.Ext == "") {
			t.Errorf("Inspect = %+v", info)
		}
	})
}
