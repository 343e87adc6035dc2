// Command quickstart creates a Maildir++ tree with the special folders,
// delivers a sample message into INBOX and one into Junk, and prints the
// tree. It needs no root and no server:
//
//	go run ./examples/quickstart [DIR]   # DIR defaults to ./quickstart-mail
//
// Running it again adds two more messages to the same tree.
package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/letterbox-mail/letterbox/maildir"
)

const sample = "From: Alice <alice@example.org>\r\n" +
	"To: Bob <bob@example.org>\r\n" +
	"Subject: %s\r\n" +
	"Date: Sat, 21 Nov 2026 08:00:00 +0000\r\n" +
	"Message-ID: <%s@example.org>\r\n" +
	"\r\n" +
	"Hello Bob, this message was delivered by Letterbox.\r\n"

func main() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	dir := "quickstart-mail"
	switch len(args) {
	case 0:
	case 1:
		dir = args[0]
	default:
		fmt.Fprintln(stderr, "usage: quickstart [DIR]")
		return 2
	}
	if err := quickstart(ctx, dir, stdout); err != nil {
		fmt.Fprintln(stderr, "quickstart:", err)
		return 1
	}
	return 0
}

func quickstart(ctx context.Context, dir string, stdout io.Writer) error {
	m, err := maildir.New(dir, maildir.Options{})
	if err != nil {
		return err
	}
	if err := m.Create(); err != nil {
		return err
	}
	if err := m.CreateSpecialFolders(); err != nil {
		return err
	}
	junk, err := m.Folder("Junk")
	if err != nil {
		return err
	}
	for _, d := range []maildir.Dir{m.Inbox(), junk} {
		msg := fmt.Sprintf(sample, "Welcome to "+d.Name(), strings.ToLower(d.Name()))
		if _, err := d.Deliver(ctx, strings.NewReader(msg), maildir.DeliverOptions{}); err != nil {
			return err
		}
	}
	return printTree(stdout, dir)
}

// printTree prints every directory and file below dir, sorted, with the
// size of each file.
func printTree(w io.Writer, dir string) error {
	fmt.Fprintf(w, "%s/\n", dir)
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		depth := strings.Count(rel, string(filepath.Separator))
		indent := strings.Repeat("    ", depth+1)
		if d.IsDir() {
			_, err = fmt.Fprintf(w, "%s%s/\n", indent, d.Name())
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s%s (%d bytes)\n", indent, d.Name(), info.Size())
		return err
	})
}
