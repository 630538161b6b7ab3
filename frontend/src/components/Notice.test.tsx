import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderScreen } from '@/test/render';
import { Notice } from './Notice';

describe('Notice', () => {
  it('is a polite status, never an alert, with its title and text', () => {
    renderScreen(
      <Notice color="orange" title="Rentrée terminée">
        2 bases refusées
      </Notice>,
    );
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent('Rentrée terminée');
    expect(notice).toHaveTextContent('2 bases refusées');
    expect(notice).toHaveAttribute('data-color', 'orange');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
