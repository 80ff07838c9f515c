import { Component, type ReactNode } from 'react';

interface Props {
  fallback: (message: string, reset: () => void) => ReactNode;
  children: ReactNode;
}

/** Keeps one broken panel from blanking the page. */
export class ErrorBoundary extends Component<Props, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.message !== null) return this.props.fallback(this.state.message, () => this.setState({ message: null }));
    return this.props.children;
  }
}
