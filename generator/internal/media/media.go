// Package media reads the image files topics show: their format and size
// in pixels, so that a page reserves each image's space before it loads,
// and, for SVG, whether the file is safe to publish at the site's own
// address.
//
// Formats are PNG, JPEG, GIF, WebP and SVG, recognised by their bytes, not
// their names. Only the headers of raster images are read. An SVG gives
// its size by width and height in pixels, or by its viewBox.
//
// Published copies are named by their bytes (see Name), so each image is
// written once however many topics show it, and a browser may cache it
// for good.
package media

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registers the formats image.DecodeConfig reads
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
	"strconv"
	"strings"
)

// Info is what a page needs to know of an image file.
type Info struct {
	// Ext is the usual file name extension of its format: ".png",
	// ".jpg", ".gif", ".webp" or ".svg".
	Ext           string
	Width, Height int
}

// Image is an image as published.
type Image struct {
	// File is the copy's slash path below the output folder.
	File          string
	Width, Height int
}

// Name is the path below the output folder of the copy of an image whose
// bytes have hash.
func Name(hash uint64, ext string) string {
	return fmt.Sprintf("media/%016x%s", hash, ext)
}

// Inspect reads an image's format and size.
func Inspect(data []byte) (Info, error) {
	if cfg, format, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		ext := "." + format
		if format == "jpeg" {
			ext = ".jpg"
		}
		return checkSize(Info{Ext: ext, Width: cfg.Width, Height: cfg.Height})
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return webp(data)
	}
	if looksLikeXML(data) {
		return svg(data)
	}
	return Info{}, errors.New("it is not a PNG, JPEG, GIF, WebP or SVG image: save it in one of those formats")
}

// maxSide bounds an image's width and height: beyond it a size is a
// mistake (an SVG's width="1e9"), not a picture.
const maxSide = 100_000

func checkSize(info Info) (Info, error) {
	if info.Width <= 0 || info.Height <= 0 || info.Width > maxSide || info.Height > maxSide {
		return Info{}, fmt.Errorf("its size is %d×%d pixels", info.Width, info.Height)
	}
	return info, nil
}

// webp reads the canvas size from the first chunk of a WebP file: lossy
// (VP8), lossless (VP8L) or extended (VP8X).
func webp(data []byte) (Info, error) {
	bad := errors.New("it is not a readable WebP image")
	if len(data) < 30 {
		return Info{}, bad
	}
	info := Info{Ext: ".webp"}
	switch string(data[12:16]) {
	case "VP8 ":
		if !bytes.Equal(data[23:26], []byte{0x9d, 0x01, 0x2a}) {
			return Info{}, bad
		}
		info.Width = int(binary.LittleEndian.Uint16(data[26:28]) & 0x3fff)
		info.Height = int(binary.LittleEndian.Uint16(data[28:30]) & 0x3fff)
	case "VP8L":
		if data[20] != 0x2f {
			return Info{}, bad
		}
		bits := binary.LittleEndian.Uint32(data[21:25])
		info.Width = int(bits&0x3fff) + 1
		info.Height = int(bits>>14&0x3fff) + 1
	case "VP8X":
		info.Width = int(uint32(data[24])|uint32(data[25])<<8|uint32(data[26])<<16) + 1
		info.Height = int(uint32(data[27])|uint32(data[28])<<8|uint32(data[29])<<16) + 1
	default:
		return Info{}, bad
	}
	return checkSize(info)
}

func looksLikeXML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '<'
}

// svg reads an SVG's size and checks that it is inert. An SVG shown by an
// <img> element runs nothing and loads nothing, but the published copy can
// also be opened on its own, at the site's address, where its scripts
// would run with the site's rights: so a script, an event handler or a
// javascript: address is refused, as is a resource from another site
// (privacy, offline reading).
func svg(data []byte) (Info, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var info Info
	root := true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Info{}, fmt.Errorf("it is not a readable SVG image (%v)", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := strings.ToLower(el.Name.Local)
		if root {
			if name != "svg" {
				return Info{}, fmt.Errorf("it is XML but not an SVG image (its root element is <%s>)", el.Name.Local)
			}
			if info, err = svgSize(el); err != nil {
				return Info{}, err
			}
			root = false
		}
		if name == "script" {
			return Info{}, errors.New("the SVG holds a <script>: remove it (it would run on the site's address when the image is opened on its own)")
		}
		for _, a := range el.Attr {
			attr, val := strings.ToLower(a.Name.Local), strings.ToLower(strings.TrimSpace(a.Value))
			switch {
			case strings.HasPrefix(attr, "on"):
				return Info{}, fmt.Errorf("the SVG's <%s> has an event handler, %s: remove it (it would run on the site's address when the image is opened on its own)", el.Name.Local, a.Name.Local)
			case strings.HasPrefix(val, "javascript:"):
				return Info{}, fmt.Errorf("the SVG's <%s> has a javascript: address in %s: remove it", el.Name.Local, a.Name.Local)
			case attr == "href" && (name == "image" || name == "use" || name == "feimage") && external(val):
				return Info{}, fmt.Errorf("the SVG's <%s> loads %s from another site: embed the resource in the file instead", el.Name.Local, a.Value)
			}
		}
	}
	if root {
		return Info{}, errors.New("it is not a readable SVG image (no root element)")
	}
	return info, nil
}

func external(url string) bool {
	return strings.HasPrefix(url, "http:") || strings.HasPrefix(url, "https:") || strings.HasPrefix(url, "//")
}

// svgSize is the size an <svg> element asks for: its width and height in
// pixels, either of them from the viewBox's aspect ratio if missing or in
// other units, or the viewBox's size.
func svgSize(el xml.StartElement) (Info, error) {
	var w, h float64
	var vb []float64
	for _, a := range el.Attr {
		switch a.Name.Local {
		case "width":
			w = pixels(a.Value)
		case "height":
			h = pixels(a.Value)
		case "viewBox":
			for _, f := range strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
				v, err := strconv.ParseFloat(f, 64)
				if err != nil {
					vb = nil
					break
				}
				vb = append(vb, v)
			}
		}
	}
	if len(vb) == 4 && vb[2] > 0 && vb[3] > 0 {
		switch {
		case w > 0 && h == 0:
			h = w * vb[3] / vb[2]
		case h > 0 && w == 0:
			w = h * vb[2] / vb[3]
		case w == 0 && h == 0:
			w, h = vb[2], vb[3]
		}
	}
	if w <= 0 || h <= 0 {
		return Info{}, errors.New(`the SVG gives no size: add a viewBox to its <svg> element, such as viewBox="0 0 640 360", so the page can reserve its space`)
	}
	return checkSize(Info{Ext: ".svg", Width: int(math.Round(w)), Height: int(math.Round(h))})
}

// pixels reads an SVG length in pixels ("640", "640px"), or returns 0 for
// other units, which depend on where the image is shown.
func pixels(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > maxSide {
		return 0
	}
	return v
}
