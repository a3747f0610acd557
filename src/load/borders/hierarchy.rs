//! The search structure over a boundary's chunks: a binary hierarchy of
//! boxes in earth-centred space, built over the chunks in line order.
//!
//! Written here rather than taken from `rstar`: the query needs the set of
//! chunks that an estimate of the answer cannot exclude, gathered depth
//! first with a fixed stack, not a best-first walk. `rstar`'s best-first
//! iterator keeps a heap per query, which cost about a third of an `enrich`
//! run. Split in line order, the boxes follow the line: a stretch of it
//! fits a narrow box.

use super::Chunk;

/// Chunks per leaf (1 ran far points faster than 2 or 4, near ones alike).
const LEAF: usize = 1;

/// One box of the hierarchy: a leaf holds chunks `first..first + count`;
/// an inner node's children are the next node and `right`.
#[derive(Debug, Clone)]
struct Node {
    lo: [f64; 3],
    hi: [f64; 3],
    first: u32,
    count: u32,
    right: u32,
}

impl Node {
    /// The square of how far `p` is from the box (0 inside it).
    fn distance_2(&self, p: &[f64; 3]) -> f64 {
        (0..3)
            .map(|i| (self.lo[i] - p[i]).max(p[i] - self.hi[i]).max(0.0).powi(2))
            .sum()
    }
}

/// A binary hierarchy of boxes over chunks.
#[derive(Debug)]
pub(super) struct Hierarchy {
    nodes: Vec<Node>,
    pub(super) chunks: Vec<Chunk>,
}

impl Hierarchy {
    pub(super) fn new(chunks: Vec<Chunk>) -> Hierarchy {
        let mut h = Hierarchy {
            nodes: Vec::with_capacity(2 * chunks.len() / LEAF + 1),
            chunks,
        };
        if !h.chunks.is_empty() {
            h.build(0, h.chunks.len());
        }
        h
    }

    fn build(&mut self, first: usize, end: usize) -> u32 {
        let (lo, hi) = self.chunks[first..end].iter().map(Chunk::bounds).fold(
            ([f64::INFINITY; 3], [f64::NEG_INFINITY; 3]),
            |(lo, hi), (l, h)| {
                (
                    std::array::from_fn(|i| lo[i].min(l[i])),
                    std::array::from_fn(|i| hi[i].max(h[i])),
                )
            },
        );
        let at = self.nodes.len();
        self.nodes.push(Node {
            lo,
            hi,
            first: first as u32,
            count: (end - first) as u32,
            right: 0,
        });
        if end - first > LEAF {
            let mid = first + (end - first) / 2;
            self.build(first, mid);
            let right = self.build(mid, end);
            self.nodes[at].count = 0;
            self.nodes[at].right = right;
        }
        at as u32
    }

    /// Every chunk within `bound(v)` of `p` in space, with that distance,
    /// where `v` is the least [`Chunk::nearest_vertex`] of the chunks seen
    /// so far; returns the last `v`. Every chunk left out is more than
    /// `bound` of that `v` away. Nearer boxes are opened first, so the bound
    /// falls fast.
    pub(super) fn gather(
        &self,
        p: &[f64; 3],
        bound: impl Fn(f64) -> f64,
        out: &mut Vec<(f64, u32)>,
    ) -> f64 {
        let Some(root) = self.nodes.first() else {
            return f64::INFINITY;
        };
        // `within` and its square, to open boxes without a square root.
        let (mut vertex, mut within, mut within_2) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
        // The tree is balanced, so the stack holds at most one node per
        // level (32 levels for 2³² chunks) plus one.
        let mut stack = [(0.0, 0u32); 64];
        stack[0] = (root.distance_2(p), 0);
        let mut top = 1;
        while top > 0 {
            top -= 1;
            let (d, at) = stack[top];
            if d > within_2 {
                continue;
            }
            let node = &self.nodes[at as usize];
            if node.count > 0 {
                let range = node.first as usize..(node.first + node.count) as usize;
                for (k, chunk) in self.chunks[range.clone()].iter().enumerate() {
                    let d = chunk.distance(p);
                    // No vertex of the chunk is nearer than the chunk.
                    if d < vertex {
                        let v = chunk.nearest_vertex(p);
                        if v < vertex {
                            vertex = v;
                            within = bound(v);
                            within_2 = within * within;
                        }
                    }
                    if d <= within {
                        out.push((d, (range.start + k) as u32));
                    }
                }
                continue;
            }
            let (left, right) = (at + 1, node.right);
            let dl = self.nodes[left as usize].distance_2(p);
            let dr = self.nodes[right as usize].distance_2(p);
            let (near, far) = if dl <= dr {
                ((dl, left), (dr, right))
            } else {
                ((dr, right), (dl, left))
            };
            stack[top] = far;
            stack[top + 1] = near;
            top += 2;
        }
        vertex
    }
}
