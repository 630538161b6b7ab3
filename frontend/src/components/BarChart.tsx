import { Text, UnstyledButton } from '@mantine/core';
import { useId } from 'react';
import { formatNumber } from '@/lib/format';
import './bar-chart.css';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** A detail after the value (« sur 120 bases »). */
  detail?: string;
  color?: 'red' | 'orange' | 'green' | 'gray' | 'blue' | 'violet';
  /** What clicking the label does: show these rows in the table. */
  onPick?: () => void;
  pickLabel?: string;
}

interface Props {
  title: string;
  /** What the figures count, said once under the title. */
  unit: string;
  bars: Bar[];
  empty: string;
}

/**
 * A horizontal bar chart that is also a table: assistive technologies read
 * the label and the figure of each row, the bar is decoration (its width
 * says the same as the figure). No chart library: a few elements per bar,
 * in the chunk of the page that draws it.
 */
export function BarChart({ title, unit, bars, empty }: Props) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="bar-chart" aria-labelledby={id}>
      <figcaption id={id}>
        <Text fw={700} component="span">
          {title}
        </Text>
        <Text size="xs" c="dimmed" component="span" className="bar-chart-unit">
          {unit}
        </Text>
      </figcaption>
      {bars.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <table className="bar-chart-table">
          <caption className="bar-chart-hidden">{title}</caption>
          <thead className="bar-chart-hidden">
            <tr>
              <th scope="col">Libellé</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row" className="bar-chart-label">
                  {bar.onPick ? (
                    <UnstyledButton className="bar-chart-pick" onClick={bar.onPick} aria-label={bar.pickLabel}>
                      {bar.label}
                    </UnstyledButton>
                  ) : (
                    bar.label
                  )}
                </th>
                <td className="bar-chart-cell">
                  <span className={`bar-chart-bar bar-chart-${bar.color ?? 'blue'}`} style={{ width: `${(bar.value / max) * 100}%` }} aria-hidden="true" />
                  <span className="bar-chart-value">
                    {formatNumber(bar.value)}
                    {bar.detail ? ` ${bar.detail}` : ''}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
