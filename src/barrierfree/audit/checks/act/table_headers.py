"""ACT d0f69e: every header cell of a table has at least one data cell assigned to it.

A header with nothing under it (or beside it) is announced for no cell, which usually means a column lost its
data or the ``headers`` attributes point elsewhere. The table grid is built the way the HTML table model does
(row and column spans, explicit ``headers``); ARIA tables and grids use their rows and cells. As in the HTML table
model, other header cells can be assigned to a header (a row header under a column header). To stay on the safe
side a header passes when it has cells below it or data cells beside it, whatever kind of header the browser
made it.
"""

from __future__ import annotations

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("d0f69e", ("1.3.1",), N_("A table header cell has no data cells assigned to it."))
HEADER_ROLES = frozenset({"columnheader", "rowheader"})

COLLECT_JS = """() => {
  const tableOf = (cell) => cell.closest('table, [role=table], [role=grid], [role=treegrid]');
  return [...document.querySelectorAll('th, [role=columnheader], [role=rowheader]')].filter(cell => {
    const role = (cell.getAttribute('role') || '').trim().toLowerCase();
    if (cell.localName === 'th' && role && role !== 'columnheader' && role !== 'rowheader') return false;
    const table = tableOf(cell);
    if (!table) return false;
    const tableRole = (table.getAttribute('role') || '').trim().toLowerCase();
    return tableRole !== 'none' && tableRole !== 'presentation';
  });
}"""

ASSIGNED_JS = """(header) => {
  const table = header.closest('table, [role=table], [role=grid], [role=treegrid]');
  const isAria = table.localName !== 'table';
  const ownerOf = (el) => el.closest('table, [role=table], [role=grid], [role=treegrid]');
  let rows;
  if (isAria) {
    rows = [...table.querySelectorAll('[role=row]')].filter(r => ownerOf(r) === table).map(r =>
      [...r.querySelectorAll('[role=cell], [role=gridcell], [role=columnheader], [role=rowheader]')]
        .filter(c => c.closest('[role=row]') === r));
  } else {
    rows = [...table.rows].map(r => [...r.cells]);
  }
  const grid = [];
  const place = new Map();
  rows.forEach((cells, r) => {
    grid[r] = grid[r] || [];
    let c = 0;
    for (const cell of cells) {
      while (grid[r][c]) c++;
      const colspan = Math.max(1, parseInt(isAria ? cell.getAttribute('aria-colspan') : cell.colSpan, 10) || 1);
      let rowspan = Math.max(1, parseInt(isAria ? cell.getAttribute('aria-rowspan') : cell.rowSpan, 10) || 1);
      rowspan = Math.min(rowspan, rows.length - r);
      place.set(cell, {r, c, rowspan, colspan});
      for (let i = r; i < r + rowspan; i++) {
        grid[i] = grid[i] || [];
        for (let j = c; j < c + colspan; j++) grid[i][j] = cell;
      }
      c += colspan;
    }
  });
  const isData = (cell) => {
    const role = (cell.getAttribute('role') || '').trim().toLowerCase();
    return role ? role === 'cell' || role === 'gridcell' : cell.localName === 'td';
  };
  const id = header.id;
  if (id) {
    for (const cells of rows) for (const cell of cells) {
      if (cell !== header && (cell.getAttribute('headers') || '').split(/\\s+/).includes(id)) return 1;
    }
  }
  const at = place.get(header);
  if (!at) return 0;
  const assigned = (cell) => {
    if (!cell || cell === header) return false;
    const headers = (cell.getAttribute('headers') || '').trim();
    return !headers || (id && headers.split(/\\s+/).includes(id));
  };
  let count = 0;
  for (let i = 0; i < grid.length; i++) {
    for (let j = 0; j < (grid[i] || []).length; j++) {
      const inColumn = j >= at.c && j < at.c + at.colspan && (i < at.r || i >= at.r + at.rowspan);
      const inRow = i >= at.r && i < at.r + at.rowspan && (j < at.c || j >= at.c + at.colspan);
      const cell = grid[i][j];
      if ((inColumn || (inRow && cell && isData(cell))) && assigned(cell)) count++;
    }
  }
  return count;
}"""


class TableHeadersCheck(ActCheck):
    """Header cells with no data cells (d0f69e)."""

    id = "act:d0f69e"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per exposed header cell that no data cell refers to."""
        findings = []
        async with _cdp.query(context, COLLECT_JS) as headers:
            for header in headers:
                if header.ax.get("ignored") or header.role.lower() not in HEADER_ROLES:
                    continue
                if await _cdp.call(context, header, ASSIGNED_JS) == 0:
                    findings.append(act_finding(RULE, await _cdp.element_info(context, header)))
        return findings
