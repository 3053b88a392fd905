package ocr_test

import (
	"bytes"
	"encoding/binary"
	"image"
)

// Go has no WebP encoder, so the tests write one: lossless (VP8L), black and white, each
// channel coded with a "simple" prefix code of one bit (RFC 9649, section 3.7.2.1.1). It is
// enough for a page of black text, and is read by the same decoder as any WebP.

type bitWriter struct {
	buf  bytes.Buffer
	acc  uint64
	nacc uint
}

// write appends the n low bits of v, least significant first, as VP8L packs them.
func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.buf.WriteByte(byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

func (w *bitWriter) bytes() []byte {
	if w.nacc > 0 {
		w.buf.WriteByte(byte(w.acc))
		w.acc, w.nacc = 0, 0
	}
	return w.buf.Bytes()
}

// encodeWebP writes img as a lossless WebP, each pixel black or white by its brightness.
func encodeWebP(img image.Image) []byte {
	b := img.Bounds()
	var w bitWriter
	w.write(0x2f, 8) // VP8L signature
	w.write(uint64(b.Dx()-1), 14)
	w.write(uint64(b.Dy()-1), 14)
	w.write(0, 1)          // no alpha used
	w.write(0, 3)          // version 0
	w.write(0, 1)          // no transform
	w.write(0, 1)          // no colour cache
	w.write(0, 1)          // no meta prefix codes
	twoSymbols := func() { // symbols 0 (code 0) and 255 (code 1)
		w.write(1, 1) // simple code
		w.write(1, 1) // two symbols
		w.write(0, 1) // the first symbol in 1 bit
		w.write(0, 1) // 0
		w.write(255, 8)
	}
	oneSymbol := func(v uint64) {
		w.write(1, 1) // simple code
		w.write(0, 1) // one symbol
		w.write(1, 1) // in 8 bits
		w.write(v, 8)
	}
	twoSymbols()   // green
	twoSymbols()   // red
	twoSymbols()   // blue
	oneSymbol(255) // alpha: opaque
	oneSymbol(0)   // distance: never used
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			bit := uint64(0)
			if (r+g+bl)/3 > 0x7fff {
				bit = 1
			}
			w.write(bit, 1) // green
			w.write(bit, 1) // red
			w.write(bit, 1) // blue
		}
	}
	data := w.bytes()
	var out bytes.Buffer
	size := 4 + 8 + len(data) + len(data)%2
	out.WriteString("RIFF")
	binary.Write(&out, binary.LittleEndian, uint32(size))
	out.WriteString("WEBPVP8L")
	binary.Write(&out, binary.LittleEndian, uint32(len(data)))
	out.Write(data)
	if len(data)%2 == 1 {
		out.WriteByte(0)
	}
	return out.Bytes()
}
