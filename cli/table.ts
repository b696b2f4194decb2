/** Plain-text tables and CSV for the command line. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
    const line = (cells: readonly string[]) => cells.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('  ');
    return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function csv(header: readonly string[], rows: readonly (readonly (string | number | boolean)[])[]): string {
    const cell = (value: string | number | boolean) => {
        const text = String(value);
        return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n');
}
