package audit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nginxConf serves the site below /glossary/ on a loopback port, in the
// foreground, with every path it writes inside the test's folder.
const nginxConf = `daemon off;
master_process on;
worker_processes 1;
%[1]s
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 256; }
http {
  types {
    text/html html;
    text/css css;
    text/javascript js;
    application/json json;
    application/atom+xml xml;
    image/svg+xml svg;
    text/plain txt;
  }
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path %[2]s/client_body;
  proxy_temp_path %[2]s/proxy;
  fastcgi_temp_path %[2]s/fastcgi;
  uwsgi_temp_path %[2]s/uwsgi;
  scgi_temp_path %[2]s/scgi;
  server {
    listen 127.0.0.1:%[3]d;
    server_name localhost;
    location /glossary/ {
      alias %[4]s/;
      index index.html;
    }
  }
}
`

// startNginx runs nginx as a child process serving dir at /glossary/ and
// returns the site's URL. The test's cleanup stops it.
func startNginx(t *testing.T, dir string) string {
	t.Helper()
	return startNginxWith(t, dir, nginxConf)
}

// startNginxWith is startNginx with another configuration, a format with
// nginxConf's arguments.
func startNginxWith(t *testing.T, dir, nginxConf string) string {
	t.Helper()
	nginx := program(t, "nginx", "Debian's package nginx", "/usr/sbin/nginx")
	tmp := t.TempDir()
	port := freePort(t)
	user := ""
	if os.Geteuid() == 0 {
		// Workers would drop to nobody, who cannot read the test's folders.
		user = "user root;"
	}
	conf := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, nginxConf, user, tmp, port, dir), 0o644); err != nil {
		t.Fatal(err)
	}
	// -e: the error log before the configuration is read, which would
	// otherwise be the system's.
	cmd := exec.Command(nginx, "-p", tmp, "-c", conf, "-e", filepath.Join(tmp, "startup.log"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt) // SIGINT: fast shutdown
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	url := fmt.Sprintf("http://127.0.0.1:%d/glossary/", port)
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(tmp, "error.log"))
			startup, _ := os.ReadFile(filepath.Join(tmp, "startup.log"))
			t.Fatalf("nginx exited: %v\n%s%s%s", err, out.String(), startup, log)
		default:
		}
		if ok, _ := httpOK(url); ok {
			return url
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not answer at %s", url)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestLinkinator crawls the whole site served by nginx below /glossary/,
// as a site hosted in a sub-folder is, and checks every link, fragment and
// stylesheet URL on it: none may be broken, and none may redirect.
func TestLinkinator(t *testing.T) {
	cli := nodeModule(t, "linkinator/build/src/cli.js")
	node := findNode(t)
	url := startNginx(t, site(t))

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, cli, url,
		"--recurse", "--check-fragments", "--check-css", "--redirects", "error",
		"--skip", `^https?://(?!127\.0\.0\.1[:/])`,
		"--format", "json", "--timeout", "10000")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run() // exits 1 when a link is broken
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running linkinator: %v", err)
	}
	var res struct {
		Passed bool `json:"passed"`
		Links  []struct {
			URL     string `json:"url"`
			Status  int    `json:"status"`
			State   string `json:"state"`
			Parent  string `json:"parent"`
			Failure any    `json:"failureDetails"`
		} `json:"links"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("reading linkinator's report: %v\nstdout:\n%.2000s\nstderr:\n%.2000s", err, stdout.String(), stderr.String())
	}
	counts := map[string]int{}
	internal := map[string]bool{}
	for _, l := range res.Links {
		counts[l.State]++
		if l.State == "OK" && strings.HasPrefix(l.URL, url) {
			internal[strings.SplitN(l.URL, "#", 2)[0]] = true
		}
		if l.State == "BROKEN" {
			detail := ""
			if l.Failure != nil {
				b, _ := json.Marshal(l.Failure)
				detail = " " + string(b)
				if len(detail) > 300 {
					detail = detail[:300] + "..."
				}
			}
			t.Errorf("broken link %s (status %d) on %s%s", l.URL, l.Status, l.Parent, detail)
		}
	}
	// External links (canonical URLs, the feed's base) are skipped and
	// not listed.
	t.Logf("linkinator: %d links checked: %d ok, %d broken; %d distinct pages and files on the site",
		len(res.Links), counts["OK"], counts["BROKEN"], len(internal))
	if !res.Passed && counts["BROKEN"] == 0 {
		t.Errorf("linkinator failed without naming a broken link (%v)\n%.2000s", err, stderr.String())
	}
	// The crawl must have reached every page: each is linked from another,
	// but each language's search/, whose addresses (search/?q=...) the
	// script makes from what a reader types.
	dir := site(t)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		if filepath.Base(rel) == "search" {
			return nil
		}
		page := url
		if rel != "." {
			page += filepath.ToSlash(rel) + "/"
		}
		if !internal[page] {
			t.Errorf("no link on the site leads to %s", page)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func httpOK(url string) (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	resp, err := httpGet(ctx, url)
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	return resp.StatusCode == 200, nil
}
