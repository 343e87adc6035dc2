package maildir_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/letterbox-mail/letterbox/maildir"
)

func ExampleEncodeFolderName() {
	for _, name := range []string{"Junk", "Work/Projects", "Entwürfe", "../etc"} {
		disk, err := maildir.EncodeFolderName(name, maildir.Options{})
		fmt.Printf("%-14s %q %v\n", name, disk, err)
	}
	// Output:
	// Junk           ".Junk" <nil>
	// Work/Projects  ".Work.Projects" <nil>
	// Entwürfe       ".Entw&APw-rfe" <nil>
	// ../etc         "" maildir: folder name "../etc": segment .. is a relative path element
}

func ExampleMaildir_CreateFolder() {
	base, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(base)
	m, err := maildir.New(filepath.Join(base, "example.com", "bob"), maildir.Options{})
	if err != nil {
		log.Fatal(err)
	}
	d, err := m.CreateFolder("Work/Entwürfe")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Name(), "->", filepath.Base(d.Path()))
	entries, err := os.ReadDir(d.Path())
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entries {
		fmt.Println(" ", e.Name())
	}
	// Output:
	// Work/Entwürfe -> .Work.Entw&APw-rfe
	//   cur
	//   maildirfolder
	//   new
	//   tmp
}

func ExampleMaildir_Subscribe() {
	base, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(base)
	m, err := maildir.New(filepath.Join(base, "bob"), maildir.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Create(); err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"Junk", "Work/Entwürfe", "Junk"} {
		if err := m.Subscribe(name); err != nil {
			log.Fatal(err)
		}
	}
	for _, file := range []string{"subscriptions", "courierimapsubscribed"} {
		b, err := os.ReadFile(filepath.Join(m.Root(), file))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %q\n", file, b)
	}
	names, err := m.Subscriptions()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Join(names, ", "))
	// Output:
	// subscriptions: "V\t2\n\nJunk\nWork\tEntw&APw-rfe\n"
	// courierimapsubscribed: "INBOX.Junk\nINBOX.Work.Entw&APw-rfe\n"
	// Junk, Work/Entwürfe
}
