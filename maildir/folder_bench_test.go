package maildir

import (
	"fmt"
	"testing"
)

func BenchmarkEncodeFolderName(b *testing.B) {
	c := codecOf(Options{})
	for b.Loop() {
		if _, err := c.encode("Archiv/2026/Entwürfe"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateFolder_existing is the cost of making sure a folder
// exists before each delivery.
func BenchmarkCreateFolder_existing(b *testing.B) {
	m, err := New(b.TempDir(), Options{Hostname: "h"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := m.CreateFolder("Junk"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := m.CreateFolder("Junk"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubscribe_existing locks and reads both files of 100 names and
// finds the name there (no rewrite).
func BenchmarkSubscribe_existing(b *testing.B) {
	m, err := New(b.TempDir(), Options{Hostname: "h"})
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Create(); err != nil {
		b.Fatal(err)
	}
	for i := range 100 {
		if err := m.Subscribe(fmt.Sprintf("Folder%d", i)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := m.Subscribe("Folder50"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubscribe_new rewrites both files (temp file, fsync, rename,
// directory fsync) for each new name.
func BenchmarkSubscribe_new(b *testing.B) {
	m, err := New(b.TempDir(), Options{Hostname: "h"})
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Create(); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if err := m.Subscribe(fmt.Sprintf("Folder%d", i)); err != nil {
			b.Fatal(err)
		}
	}
}
