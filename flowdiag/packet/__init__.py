"""The whole 付議事項 as one document: cover, 事業の概要, forms, the 資料X-1 chart, checklists.

- :func:`flowdiag.packet.compose.compose_packet` turns a loaded flow (and, with ``--since``, the
  approved version) into a :class:`flowdiag.packet.doc.PacketDoc`: parts of titled tables whose
  texts are runs that know their model path, so a change can be marked 赤太字下線;
- :func:`flowdiag.packet.pdf.packet_pdf` writes it as an A4 PDF (SVG pages through cairo, the
  chart drawn by the render stage, bookmarks, page numbers, fonts embedded);
- :func:`flowdiag.packet.word.packet_docx` writes it as a Word document (real tables, the chart
  as a picture, BIZ UDゴシック named for Japanese text, fixed dates).
"""
